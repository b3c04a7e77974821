package dev.switchboard.benchmarks;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;

/** {@code type: noop-blocking}: a plain blocking {@link EventHandler} that does nothing. */
public final class BlockingNoopHandlerFactory implements HandlerFactory {

    @Override
    public String type() {
        return "noop-blocking";
    }

    @Override
    public EventHandler create(HandlerContext context) {
        return event -> {
        };
    }
}
