package dev.switchboard.core.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginFactory;
import org.pf4j.PluginLoader;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PF4J's manager for the JARs of one plugins folder, loading each JAR on its own so that one bad
 * JAR is reported with its own reason. PF4J's {@code loadPlugins()} catches only its own
 * exceptions, logs them, and forgets which file failed; and a plugin it finds invalid (its
 * {@code Plugin-Requires} not met) it merely marks disabled.
 */
final class PluginJarManager extends JarPluginManager {

    private static final Logger log = LoggerFactory.getLogger(PluginJarManager.class);

    private final ClassLoader host;

    PluginJarManager(Path pluginsDir, String runtimeVersion, ClassLoader host) {
        super(pluginsDir);
        this.host = host;
        // Without it PF4J's system version stays 0.0.0, which accepts every Plugin-Requires.
        setSystemVersion(runtimeVersion);
        // A plugin whose Plugin-Dependencies are missing is dropped; by default PF4J would throw
        // and take every other plugin down with it.
        setResolveRecoveryStrategy(ResolveRecoveryStrategy.IGNORE_PLUGIN_AND_CONTINUE);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new PluginJarLoader(this, () -> host);
    }

    @Override
    protected PluginFactory createPluginFactory() {
        return new OptionalPluginClassFactory();
    }

    /** No {@code enabled.txt}/{@code disabled.txt}: every JAR in the folder is meant to load. */
    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return false;
            }

            @Override
            public void disablePlugin(String pluginId) {
            }

            @Override
            public void enablePlugin(String pluginId) {
            }
        };
    }

    /**
     * Lets every plugin load: PF4J's own check of {@code Plugin-Requires} logs two vague WARN lines
     * (one without the JAR, one without the reason) beside the catalog's one line that has both.
     * {@link #loadAndStart} checks the requirement itself, right after loading, as PF4J would.
     */
    @Override
    protected boolean isPluginValid(PluginWrapper plugin) {
        return true;
    }

    private boolean requiresMet(PluginWrapper plugin) {
        String requires = plugin.getDescriptor().getRequires().trim();
        if (!isExactVersionAllowed() && requires.matches("\\d+\\.\\d+\\.\\d+")) {
            requires = ">=" + requires; // PF4J reads a bare version as a minimum
        }
        return getVersionManager().checkVersionConstraint(getSystemVersion(), requires);
    }

    /** Always deployment: the {@code pf4j.mode} system property must not change what loads. */
    @Override
    public RuntimeMode getRuntimeMode() {
        return RuntimeMode.DEPLOYMENT;
    }

    /**
     * Loads, resolves and starts the given JARs, and unloads again each one that failed.
     *
     * @param jars the JARs, in the order they should load
     * @return what failed, in the order of {@code jars}
     */
    List<PluginFailure> loadAndStart(List<Path> jars) {
        Map<Path, PluginFailure> failures = new LinkedHashMap<>();
        Map<String, PluginWrapper> loaded = new LinkedHashMap<>();
        for (Path jar : jars) {
            try {
                String taken = takenId(jar);
                if (taken != null) {
                    failures.put(jar, new PluginFailure(jar, null, taken));
                    continue;
                }
                PluginWrapper plugin = loadPluginFromPath(jar);
                if (!requiresMet(plugin)) {
                    plugin.setPluginState(PluginState.DISABLED); // PF4J starts no disabled plugin
                }
                loaded.put(plugin.getPluginId(), plugin);
            } catch (RuntimeException | LinkageError e) {
                failures.put(jar, new PluginFailure(jar, null, Reasons.ofPluginLoad(e, jar)));
            }
        }
        try {
            resolvePlugins();
        } catch (RuntimeException e) {
            // Only a dependency cycle gets here: PF4J cannot order any plugin then.
            for (PluginWrapper plugin : loaded.values()) {
                failures.put(plugin.getPluginPath(), new PluginFailure(plugin.getPluginPath(), null,
                        Reasons.ofPluginLoad(e, plugin.getPluginPath())));
            }
            unloadAll();
            return ordered(jars, failures);
        }
        // Catches Exception and LinkageError per plugin, marking the plugin FAILED.
        startPlugins();
        for (PluginWrapper plugin : loaded.values()) {
            String problem = problemOf(plugin);
            if (problem != null) {
                failures.put(plugin.getPluginPath(),
                        new PluginFailure(plugin.getPluginPath(), null, problem));
                unloadQuietly(plugin);
            }
        }
        return ordered(jars, failures);
    }

    /**
     * PF4J refuses a second plugin with the same id too, but says so in a paragraph that prints
     * the first plugin's whole descriptor.
     *
     * @return why the JAR's id is taken, or null when it is free
     */
    private String takenId(Path jar) {
        String id = getPluginDescriptorFinder().find(jar).getPluginId();
        if (PluginCatalog.BUILT_IN.equals(id)) {
            return "Plugin-Id '" + id + "' is reserved for the host's own factories";
        }
        PluginWrapper first = id == null ? null : getPlugin(id);
        if (first == null) {
            return null;
        }
        return "Plugin-Id '" + id + "' is already used by " + first.getPluginPath().getFileName();
    }

    /** @return why a loaded plugin did not start, or null when it did */
    private String problemOf(PluginWrapper plugin) {
        if (getPlugin(plugin.getPluginId()) == null) {
            // resolvePlugins() dropped it.
            return "Plugin-Dependencies not satisfied: " + plugin.getDescriptor().getDependencies();
        }
        PluginState state = plugin.getPluginState();
        if (state == PluginState.STARTED) {
            return null;
        }
        if (state == PluginState.DISABLED) {
            // The only way a plugin is disabled here: requiresMet() found Plugin-Requires unmet.
            return "Plugin-Requires '" + plugin.getDescriptor().getRequires()
                    + "' is not satisfied by runtime " + getSystemVersion();
        }
        if (state == PluginState.FAILED && plugin.getFailedException() != null) {
            return "cannot start: " + Reasons.of(plugin.getFailedException());
        }
        return "not started (state " + state + ")";
    }

    /** Stops and unloads every plugin, closing their class loaders; one failing stops no other. */
    void unloadAll() {
        for (PluginWrapper plugin : new ArrayList<>(getPlugins())) {
            unloadQuietly(plugin);
        }
    }

    private void unloadQuietly(PluginWrapper plugin) {
        if (getPlugin(plugin.getPluginId()) == null) {
            return; // never loaded, or already unloaded as a dependent of another
        }
        try {
            unloadPlugin(plugin.getPluginId());
        } catch (RuntimeException | LinkageError e) {
            log.warn("{}: cannot unload plugin {}: {}", plugin.getPluginPath(),
                    plugin.getPluginId(), Reasons.of(e));
        }
    }

    private static List<PluginFailure> ordered(List<Path> jars, Map<Path, PluginFailure> failures) {
        List<PluginFailure> result = new ArrayList<>();
        for (Path jar : jars) {
            PluginFailure failure = failures.get(jar);
            if (failure != null) {
                result.add(failure);
            }
        }
        return result;
    }
}
