package dev.switchboard.core.plugin;

import dev.switchboard.api.spi.FilterFactory;
import dev.switchboard.api.spi.HandlerFactory;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler and filter factories available to the runtime: those on the host's class path and
 * those of the plugin JARs in the plugins folder, found once, at start-up.
 *
 * <p>PF4J loads each JAR of the folder in its own class loader (plugin first, but
 * {@code dev.switchboard.api.} and {@code org.slf4j.} always from the host) and checks its
 * manifest ({@code Plugin-Id}, {@code Plugin-Version}, and {@code Plugin-Requires} against the
 * runtime's version). {@link java.util.ServiceLoader} then finds each JAR's
 * {@link HandlerFactory} and {@link FilterFactory} providers, keeping only classes the plugin
 * itself defines. A JAR or a provider that fails is recorded in {@link #failures()} and skipped;
 * the rest still work. When two factories claim one type, neither gets it: the type is listed in
 * {@link #conflicts()}, which the runtime refuses to start with, and resolves to nothing.
 *
 * <p>Immutable once loaded and thread-safe; {@link #close()} unloads the plugins.
 *
 * @since 0.1
 */
public final class PluginCatalog implements AutoCloseable {

    /** The origin of factories found on the host's own class path. */
    public static final String BUILT_IN = "built-in";

    private static final Logger log = LoggerFactory.getLogger(PluginCatalog.class);

    private final PluginFolder folder;
    private final TypeTable<HandlerFactoryEntry> handlers;
    private final TypeTable<FilterFactoryEntry> filters;
    private final List<PluginInfo> plugins;
    private final List<PluginFailure> failures;
    private final List<TypeConflict> conflicts;
    private boolean closed;

    private PluginCatalog(PluginFolder folder, TypeTable<HandlerFactoryEntry> handlers,
                          TypeTable<FilterFactoryEntry> filters, List<PluginInfo> plugins,
                          List<PluginFailure> failures) {
        this.folder = folder;
        this.handlers = handlers;
        this.filters = filters;
        this.plugins = List.copyOf(plugins);
        this.failures = List.copyOf(failures);
        List<TypeConflict> all = new ArrayList<>(handlers.conflicts());
        all.addAll(filters.conflicts());
        this.conflicts = List.copyOf(all);
    }

    /**
     * Finds the factories of the host class path and loads and starts the plugins of a folder.
     * Never fails because of a plugin: see {@link #failures()}.
     *
     * @param pluginsDir the plugins folder; null or missing for host factories only
     * @param runtimeVersion the runtime's version, e.g. {@code 0.1.0}, which each plugin's
     *     {@code Plugin-Requires} must accept
     * @return the catalog; close it to unload the plugins
     */
    public static PluginCatalog load(Path pluginsDir, String runtimeVersion) {
        return load(pluginsDir, runtimeVersion, PluginCatalog.class.getClassLoader());
    }

    /** @param host the host class path's loader, and the parent of every plugin's loader */
    static PluginCatalog load(Path pluginsDir, String runtimeVersion, ClassLoader host) {
        Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        Objects.requireNonNull(host, "host");
        List<PluginFailure> failures = new ArrayList<>();
        TypeTable<HandlerFactoryEntry> handlers = new TypeTable<>("handler");
        TypeTable<FilterFactoryEntry> filters = new TypeTable<>("filter");

        ProviderScanner hostScanner = ProviderScanner.forHost(host, failures::add);
        register(handlers, hostScanner.scan(HandlerFactory.class, HandlerFactory::type),
                BUILT_IN, null, HandlerFactoryEntry::new);
        register(filters, hostScanner.scan(FilterFactory.class, FilterFactory::type),
                BUILT_IN, null, FilterFactoryEntry::new);

        PluginFolder folder = PluginFolder.open(pluginsDir, runtimeVersion, host, failures::add);
        List<PluginInfo> plugins = new ArrayList<>();
        try {
            for (PluginFolder.LoadedPlugin plugin : folder.plugins()) {
                int failuresBefore = failures.size();
                ProviderScanner scanner = ProviderScanner.forPlugin(plugin.jar(),
                        (URLClassLoader) plugin.classLoader(), failures::add);
                List<String> handlerTypes = register(handlers,
                        scanner.scan(HandlerFactory.class, HandlerFactory::type), plugin.id(),
                        plugin.jar(), HandlerFactoryEntry::new);
                List<String> filterTypes = register(filters,
                        scanner.scan(FilterFactory.class, FilterFactory::type), plugin.id(),
                        plugin.jar(), FilterFactoryEntry::new);
                List<String> warnings = PluginWarnings.of(plugin.jar(),
                        !handlerTypes.isEmpty() || !filterTypes.isEmpty(),
                        failures.size() > failuresBefore);
                plugins.add(new PluginInfo(plugin.id(), plugin.version(), plugin.jar(),
                        handlerTypes, filterTypes, warnings));
            }
        } catch (RuntimeException | Error e) {
            folder.close();
            throw e;
        }
        // Host first, then by JAR name: the order a reader finds the files in.
        failures.sort(Comparator.comparing(
                (PluginFailure f) -> f.jar() == null ? "" : f.jar().getFileName().toString()));
        failures.forEach(failure -> log.warn("Plugin skipped: {}", failure));
        plugins.forEach(plugin -> plugin.warnings().forEach(warning ->
                log.warn("Plugin warning: {}: plugin {}: {}", plugin.jar(), plugin.id(), warning)));
        log.debug("{} plugin(s) loaded from {}; handler types: {}; filter types: {}",
                plugins.size(), pluginsDir == null ? "no plugins folder" : pluginsDir,
                handlers.describe(), filters.describe());
        return new PluginCatalog(folder, handlers, filters, plugins, failures);
    }

    @FunctionalInterface
    private interface EntryMaker<S, E> {
        E make(S factory, String origin, ClassLoader classLoader);
    }

    /**
     * @param jar the plugin's JAR; null for the host, whose providers are each placed by where
     *     their class was loaded from
     * @return the types that this origin provides
     */
    private static <S, E> List<String> register(TypeTable<E> table,
                                                List<ProviderScanner.Found<S>> found,
                                                String origin, Path jar, EntryMaker<S, E> entries) {
        List<String> types = new ArrayList<>();
        for (ProviderScanner.Found<S> provider : found) {
            E entry = entries.make(provider.provider(), origin, provider.classLoader());
            Path where = jar != null ? jar : CodeSources.of(provider.provider().getClass());
            table.add(provider.type(), entry,
                    new TypeConflict.Provider(origin, where, provider.className()));
            types.add(provider.type());
        }
        return types;
    }

    /**
     * @param type a {@code type:} of {@code handlers.yaml}
     * @return the factory for it, if exactly one is installed
     */
    public Optional<HandlerFactoryEntry> handlerFactory(String type) {
        return handlers.get(type);
    }

    /**
     * @param type a filter type named in a handler's {@code filters:}
     * @return the factory for it, if exactly one is installed
     */
    public Optional<FilterFactoryEntry> filterFactory(String type) {
        return filters.get(type);
    }

    /** @return the handler types that resolve to one factory (built-in and plugins'), sorted */
    public List<String> handlerTypes() {
        return handlers.types();
    }

    /** @return the filter types that resolve to one factory, sorted */
    public List<String> filterTypes() {
        return filters.types();
    }

    /** @return the plugins that loaded, in file-name order */
    public List<PluginInfo> plugins() {
        return plugins;
    }

    /**
     * @return every type that more than one factory provides, handler types first: an error the
     *     runtime refuses to start with; empty when every type has one factory
     */
    public List<TypeConflict> conflicts() {
        return conflicts;
    }

    /** @return every JAR and provider that was skipped, host first, then by JAR name */
    public List<PluginFailure> failures() {
        return failures;
    }

    /**
     * @return the installed handler types with their origins, sorted, for "unknown type" errors,
     *     e.g. {@code console (built-in), slack (plugin slack)}; {@code none} when there is none
     */
    public String describeHandlerTypes() {
        return handlers.describe();
    }

    /** @return the installed filter types with their origins, as {@link #describeHandlerTypes} */
    public String describeFilterTypes() {
        return filters.describe();
    }

    /**
     * Stops and unloads the plugins and closes their class loaders and JAR files. Close every
     * handler and filter created from this catalog first. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            folder.close();
        } catch (RuntimeException e) {
            log.warn("Unloading the plugins failed: {}", Reasons.of(e));
        }
    }
}
