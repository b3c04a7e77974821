package dev.switchboard.core.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Enumeration;

/**
 * What {@link java.util.ServiceLoader} sees of one plugin: the plugin's class loader for classes,
 * but only the plugin JAR's own resources. Through the plugin's class loader itself the host's
 * {@code META-INF/services} files are visible too; a broken line in one of those would then be
 * reported once for every plugin, and blamed on each plugin's JAR. The scanner still checks that
 * every provider class was defined by the plugin's loader (a plugin's service file may name a
 * class that only the host has).
 */
final class OwnResourcesView extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final URLClassLoader plugin;

    OwnResourcesView(URLClassLoader plugin) {
        super("plugin-own-resources", null);
        this.plugin = plugin;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        return plugin.loadClass(name);
    }

    @Override
    public URL getResource(String name) {
        return plugin.findResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return plugin.findResources(name);
    }
}
