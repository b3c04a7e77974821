package dev.switchboard.core.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The plugin JARs of one folder, loaded and started by PF4J once, at start-up. */
final class PluginFolder implements AutoCloseable {

    /** A plugin that started: what the catalog needs to scan it for providers. */
    record LoadedPlugin(String id, String version, Path jar, ClassLoader classLoader) {
    }

    private static final Logger log = LoggerFactory.getLogger(PluginFolder.class);

    private final PluginJarManager manager;
    private final List<LoadedPlugin> plugins;

    private PluginFolder(PluginJarManager manager, List<LoadedPlugin> plugins) {
        this.manager = manager;
        this.plugins = plugins;
    }

    /**
     * @param dir the plugins folder; null or missing means no plugins
     * @param runtimeVersion what {@code Plugin-Requires} is checked against
     * @param host the parent of every plugin's class loader
     * @param failures receives each JAR that failed, in file-name order
     */
    static PluginFolder open(Path dir, String runtimeVersion, ClassLoader host,
                             Consumer<PluginFailure> failures) {
        if (dir == null || Files.notExists(dir)) {
            log.debug("No plugins folder {}", dir);
            return new PluginFolder(null, List.of());
        }
        List<Path> jars;
        try {
            jars = jarsIn(dir);
        } catch (IOException | RuntimeException e) {
            failures.accept(new PluginFailure(dir, null,
                    "cannot list the plugins folder: " + Reasons.of(e)));
            return new PluginFolder(null, List.of());
        }
        if (jars.isEmpty()) {
            return new PluginFolder(null, List.of());
        }
        PluginJarManager manager = new PluginJarManager(dir, runtimeVersion, host);
        manager.loadAndStart(jars).forEach(failures);
        List<LoadedPlugin> started = new ArrayList<>();
        for (Path jar : jars) {
            for (PluginWrapper plugin : manager.getStartedPlugins()) {
                if (plugin.getPluginPath().equals(jar)) {
                    started.add(new LoadedPlugin(plugin.getPluginId(),
                            plugin.getDescriptor().getVersion(), jar,
                            plugin.getPluginClassLoader()));
                }
            }
        }
        return new PluginFolder(manager, List.copyOf(started));
    }

    /** @return the started plugins, in file-name order */
    List<LoadedPlugin> plugins() {
        return plugins;
    }

    /** Stops and unloads every plugin, closing their class loaders and JAR files. */
    @Override
    public void close() {
        if (manager != null) {
            manager.unloadAll();
        }
    }

    static boolean isJar(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar");
    }

    private static List<Path> jarsIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> Files.isRegularFile(file) && isJar(file))
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        }
    }
}
