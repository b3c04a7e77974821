package dev.switchboard.api.spi;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import java.util.List;

/**
 * Creates the handlers of one {@code type}. The runtime finds factories with
 * {@link java.util.ServiceLoader}: list the implementation's class name in
 * {@code META-INF/services/dev.switchboard.api.spi.HandlerFactory} of the plugin JAR.
 *
 * <pre>{@code
 * public final class FileHandlerFactory implements HandlerFactory {
 *     public String type() {
 *         return "file";
 *     }
 *
 *     public EventHandler create(HandlerContext context) {
 *         Path path = Path.of(context.config().string("path"));
 *         return event -> Files.writeString(path, event.eventType() + "\n",
 *                 StandardOpenOption.CREATE, StandardOpenOption.APPEND);
 *     }
 * }
 * }</pre>
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe. One factory
 * instance serves the whole runtime; a type is provided by one factory only.
 *
 * @since 0.1
 */
public interface HandlerFactory {

    /**
     * @return the {@code type:} this factory serves in {@code handlers.yaml}, e.g.
     *     {@code slack}; lowercase letters, digits, {@code -} and {@code _}
     */
    String type();

    /**
     * Creates one handler. Called once per handler entry at start-up (and by
     * {@code switchboard validate}, which closes the handler again): read and check the whole
     * configuration here, and do no network I/O.
     *
     * @param context the handler's name, config and the runtime's services
     * @return the handler; never null
     * @throws dev.switchboard.api.ConfigException if the configuration is wrong
     */
    EventHandler create(HandlerContext context);

    /**
     * Declares the keys that the {@code config:} block of a handler of this type may hold. Called
     * once at start-up, by {@code switchboard validate} and by {@code switchboard schema}, from one
     * thread.
     *
     * <p>When the factory declares its keys, the runtime checks each block against them before
     * {@link #create} and refuses, each at its line and column: a key that is not declared (with a
     * "did you mean" for a near miss, e.g. {@code chanel} for {@code channel}), a value of the wrong
     * type, a required key that is missing. {@code create} is then only called with a block that
     * fits the declaration.
     *
     * @return the keys, in the order to document them (an empty list: the block must be empty);
     *     null, the default, when the factory declares nothing: the runtime then checks nothing
     *     before {@code create}, and the factory alone finds mistakes
     * @since 0.1
     */
    default List<ConfigKey> configKeys() {
        return null;
    }
}
