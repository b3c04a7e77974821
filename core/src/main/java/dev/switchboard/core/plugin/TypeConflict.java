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

        /** @return e.g. {@code plugins/evil.jar: plugin evil}, the start of a line */
        String culprit() {
            return builtIn()
                    ? (jar == null ? "host class path" : "host class path " + jar)
                    : (jar == null ? "plugin " + origin : jar + ": plugin " + origin);
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
     * @return the one-line error, naming both plugins and their JARs, e.g. {@code plugins/evil.jar:
     *     plugin evil: handler type 'webhook' is also provided by plugin webhook
     *     (plugins/switchboard-webhook.jar); nothing is chosen: remove one of the two JARs}
     */
    @Override
    public String toString() {
        String claim = second.culprit() + ": " + kind + " type '" + type + "'";
        if (first.origin().equals(second.origin()) && Objects.equals(first.jar(), second.jar())) {
            return claim + " is provided twice, by " + first.className() + " and "
                    + second.className() + "; nothing is chosen: list only one of them in"
                    + " META-INF/services";
        }
        String advice = first.builtIn() && !second.builtIn()
                ? "a built-in type cannot be replaced: remove " + (second.jar() == null
                        ? "the plugin" : second.jar())
                : "remove one of the two JARs";
        return claim + " is also provided by " + first.label() + "; nothing is chosen: " + advice;
    }
}
