package dev.switchboard.core.plugin;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventFilter;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.FilterFactory;
import java.util.List;
import java.util.Objects;

/**
 * A discovered {@link FilterFactory} with where it came from.
 *
 * @param factory the factory
 * @param origin the id of the plugin that provides it, or {@link PluginCatalog#BUILT_IN}
 * @param classLoader the class loader that defined the factory; plugin code runs with it as the
 *     thread context class loader
 * @since 0.1
 */
public record FilterFactoryEntry(FilterFactory factory, String origin, ClassLoader classLoader) {

    /** Checks that nothing is missing. */
    public FilterFactoryEntry {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(classLoader, "classLoader");
    }

    /**
     * Creates a filter with the factory's class loader as the thread context class loader.
     *
     * @param context the handler the filter is attached to, and the filter's own config
     * @return what the factory created
     * @throws RuntimeException what the factory threw, e.g. a
     *     {@link dev.switchboard.api.ConfigException}
     */
    public EventFilter create(HandlerContext context) {
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
