package dev.switchboard.core.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Two factories that claim the same handler or filter type. Neither is chosen: the runtime
 * refuses to start, and {@code validate} and {@code plugins} exit 2, until one of them is removed.
 * Picking one (the first by file name, say) would let a JAR dropped into the folder silently take
 * over a type that another plugin, or the runtime itself, already provides.
 *
 * @param kind {@code handler} or {@code filter}
 * @param type the type both claim
 * @param first the factory found first: the host class path's, then the plugins' by file name
 * @param second the one found after it
 * @since 0.1
 */
public record TypeConflict(String kind, String type, Provider first, Provider second) {

    /**
     * Where one factory of a type comes from.
     *
     * @param origin the plugin's id, or {@link PluginCatalog#BUILT_IN}
     * @param jar the plugin's JAR; for a built-in factory the class path entry that holds it, or
     *     null when unknown
     * @param className the factory class
     * @since 0.1
     */
    public record Provider(String origin, Path jar, String className) {

        /** Checks that nothing required is missing. */
        public Provider {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(className, "className");
        }

        boolean builtIn() {
            return PluginCatalog.BUILT_IN.equals(origin);
        }

        /** @return e.g. {@code plugin webhook (plugins/switchboard-webhook.jar)} */
        String label() {
            String where = jar == null ? "" : " (" + jar + ")";
            return builtIn() ? "the runtime itself" + where : "plugin " + origin + where;
        }
    }

    /** Checks that nothing is missing. */
    public TypeConflict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
    }

    /**
     * @return the one-line error, naming both plugins and their JARs, e.g. {@code handler type
     *     'webhook' is provided by plugin aaa-hook (plugins/aaa-hook.jar) and by plugin webhook
     *     (plugins/switchboard-webhook.jar); nothing is chosen: remove one of the two JARs}
     */
    @Override
    public String toString() {
        String claim = kind + " type '" + type + "' is provided ";
        if (first.origin().equals(second.origin()) && Objects.equals(first.jar(), second.jar())) {
            return claim + "twice by " + first.label() + ", by " + first.className() + " and "
                    + second.className() + "; nothing is chosen: list only one of them in"
                    + " META-INF/services";
        }
        String advice = first.builtIn() && !second.builtIn()
                ? "a built-in type cannot be replaced: remove " + (second.jar() == null
                        ? "plugin " + second.origin() : second.jar())
                : "remove one of the two JARs";
        return claim + "by " + first.label() + " and by " + second.label() + "; nothing is chosen: "
                + advice;
    }
}
