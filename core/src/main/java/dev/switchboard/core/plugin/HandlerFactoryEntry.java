package dev.switchboard.core.plugin;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import java.util.List;
import java.util.Objects;

/**
 * A discovered {@link HandlerFactory} with where it came from.
 *
 * @param factory the factory
 * @param origin the id of the plugin that provides it, or {@link PluginCatalog#BUILT_IN}
 * @param classLoader the class loader that defined the factory; plugin code runs with it as the
 *     thread context class loader
 * @since 0.1
 */
public record HandlerFactoryEntry(HandlerFactory factory, String origin, ClassLoader classLoader) {

    /** Checks that nothing is missing. */
    public HandlerFactoryEntry {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Creates a handler with the factory's class loader as the thread context class loader.
     *
     * @param context the handler's name, config and services
     * @return what the factory created
     * @throws RuntimeException what the factory threw, e.g. a
     *     {@link dev.switchboard.api.ConfigException}
     */
    public EventHandler create(HandlerContext context) {
        return ContextClassLoaders.callWith(classLoader, () -> factory.create(context));
    }

    /**
     * @return the keys the factory declares for its {@code config:} blocks, asked with the
     *     factory's class loader as the thread context class loader; null when it declares none
     * @throws RuntimeException what the factory threw
     */
    public List<ConfigKey> configKeys() {
        return ContextClassLoaders.callWith(classLoader, factory::configKeys);
    }
}
