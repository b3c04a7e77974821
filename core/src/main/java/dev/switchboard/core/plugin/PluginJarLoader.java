package dev.switchboard.core.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/** Gives each plugin JAR its own {@link PluginJarClassLoader} under the host's class loader. */
final class PluginJarLoader implements PluginLoader {

    private final PluginManager manager;
    private final Supplier<ClassLoader> host;

    /**
     * @param host read when a plugin is loaded, not now: PF4J creates its loader from inside the
     *     manager's constructor, before the manager's own fields are set
     */
    PluginJarLoader(PluginManager manager, Supplier<ClassLoader> host) {
        this.manager = manager;
        this.host = host;
    }

    @Override
    public boolean isApplicable(Path pluginPath) {
        return Files.isRegularFile(pluginPath) && PluginFolder.isJar(pluginPath);
    }

    @Override
    public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
        PluginJarClassLoader loader = new PluginJarClassLoader(manager, descriptor, host.get());
        loader.addFile(pluginPath.toFile());
        return loader;
    }
}
