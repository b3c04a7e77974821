package dev.switchboard.core.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * What is wrong with a plugin that loaded, though it does not stop it: it provides no type, or it
 * bundles classes the runtime always takes from the host ({@link PluginJarClassLoader}), so the
 * bundled copies are dead weight that hints at a packaging mistake.
 */
final class PluginWarnings {

    private PluginWarnings() {
    }

    /**
     * @param jar the plugin's JAR
     * @param providesTypes whether it provides at least one handler or filter type
     * @param providersFailed whether any provider it lists failed: those failures say already
     *     why it provides nothing
     * @return the warnings, each one line
     */
    static List<String> of(Path jar, boolean providesTypes, boolean providersFailed) {
        List<String> warnings = new ArrayList<>();
        if (!providesTypes && !providersFailed) {
            warnings.add("provides no handler or filter type: it lists no provider class of its"
                    + " own in META-INF/services/dev.switchboard.api.spi.HandlerFactory or"
                    + " ...FilterFactory");
        }
        bundled(jar).forEach(library -> warnings.add("bundles its own copy of " + library
                + ", which the runtime ignores (it always uses its own): build the plugin with "
                + library + " as a provided dependency"));
        return warnings;
    }

    private static List<String> bundled(Path jar) {
        List<String> libraries = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            if (file.stream().anyMatch(e -> e.getName().startsWith("dev/switchboard/api/"))) {
                libraries.add("plugin-api");
            }
            if (file.stream().anyMatch(e -> e.getName().startsWith("org/slf4j/"))) {
                libraries.add("SLF4J");
            }
        } catch (IOException e) {
            // PF4J has just read the JAR; if it cannot be read again, there is nothing to add.
        }
        return libraries;
    }
}
