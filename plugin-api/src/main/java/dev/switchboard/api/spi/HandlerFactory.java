package dev.switchboard.api.spi;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;

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
}
