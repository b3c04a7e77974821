package dev.switchboard.core.plugin;

import org.pf4j.DefaultPluginFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * Creates a plugin's {@code Plugin-Class}, which is optional for Switchboard: our plugins are
 * only {@code META-INF/services} providers and carry none, so they get a {@link Plugin} that does
 * nothing. PF4J's own factory logs a bad {@code Plugin-Class} and returns null, which later
 * surfaces as a bare NullPointerException; this one throws with the reason instead, so that the
 * plugin is reported as failed with it.
 */
final class OptionalPluginClassFactory extends DefaultPluginFactory {

    @Override
    public Plugin create(PluginWrapper wrapper) {
        String className = wrapper.getDescriptor().getPluginClass();
        if (className == null || className.isBlank() || className.equals(Plugin.class.getName())) {
            return new Plugin();
        }
        Class<?> pluginClass;
        try {
            pluginClass = wrapper.getPluginClassLoader().loadClass(className);
        } catch (ClassNotFoundException e) {
            throw new PluginRuntimeException("Plugin-Class {} is not in the JAR", className);
        } catch (LinkageError e) {
            throw new PluginRuntimeException(e, "Plugin-Class {} cannot be loaded", className);
        }
        if (!Plugin.class.isAssignableFrom(pluginClass)) {
            throw new PluginRuntimeException("Plugin-Class {} does not extend {}", className,
                    Plugin.class.getName());
        }
        Plugin plugin = createInstance(pluginClass, wrapper);
        if (plugin == null) {
            throw new PluginRuntimeException("Plugin-Class {} cannot be instantiated", className);
        }
        return plugin;
    }
}
