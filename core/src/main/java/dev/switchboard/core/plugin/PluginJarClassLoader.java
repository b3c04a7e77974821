package dev.switchboard.core.plugin;

import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * One plugin's class loader: plugin first (PF4J's default), except that the SPI and SLF4J always
 * come from the host. A plugin that wrongly bundles its own copy of plugin-api would otherwise
 * define a second {@code HandlerFactory} interface, and its factories would not be the host's
 * {@code HandlerFactory} (PF4J issues 148, 500, 604; Kafka Connect forces its API to the parent
 * for the same reason). PF4J itself already sends {@code java.} and {@code org.pf4j.} to the
 * host.
 */
final class PluginJarClassLoader extends PluginClassLoader {

    static final List<String> HOST_PACKAGES = List.of("dev.switchboard.api.", "org.slf4j.");

    PluginJarClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader host) {
        super(manager, descriptor, host, ClassLoadingStrategy.PDA);
    }

    @Override
    public Class<?> loadClass(String className) throws ClassNotFoundException {
        if (fromHost(className)) {
            return getParent().loadClass(className);
        }
        return super.loadClass(className);
    }

    static boolean fromHost(String className) {
        for (String prefix : HOST_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
