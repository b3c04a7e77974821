package dev.switchboard.core.builtin;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code type: console}: one readable line per event on standard output (or {@code stream:
 * stderr}). Built into the runtime so that a first run needs nothing external.
 */
public final class ConsoleHandlerFactory implements HandlerFactory {

    @Override
    public String type() {
        return "console";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                ConfigKey.string("stream", "stdout or stderr").defaultValue("stdout"),
                ConfigKey.integer("max_value_chars", "Longer data values are cut to this many characters")
                        .defaultValue(80));
    }

    @Override
    public EventHandler create(HandlerContext context) {
        String stream = context.config().string("stream", "stdout");
        PrintStream out;
        switch (stream) {
            case "stdout":
                out = System.out;
                break;
            case "stderr":
                out = System.err;
                break;
            default:
                throw new ConfigException("stream", "must be stdout or stderr");
        }
        return new ConsoleHandler(out, context.config().integer("max_value_chars", 80));
    }
}
