package dev.switchboard.core.plugin;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The factories of one kind (handler or filter) by type. The first factory offered for a type
 * keeps it: the host's come first, then the plugins' in file-name order.
 *
 * @param <E> the entry kept per type
 */
final class TypeTable<E> {

    private final String kind;
    private final Function<E, String> originOf;
    private final Map<String, E> entries = new TreeMap<>();

    /**
     * @param kind {@code handler} or {@code filter}, for messages
     * @param originOf an entry's origin: a plugin id or {@link PluginCatalog#BUILT_IN}
     */
    TypeTable(String kind, Function<E, String> originOf) {
        this.kind = kind;
        this.originOf = originOf;
    }

    /** @return empty when added, or why not: the type was taken, naming both origins */
    Optional<String> add(String type, E entry) {
        E first = entries.putIfAbsent(type, entry);
        if (first == null) {
            return Optional.empty();
        }
        return Optional.of(kind + " type '" + type + "' is already provided by "
                + label(originOf.apply(first)) + ", so the one of "
                + label(originOf.apply(entry)) + " is ignored");
    }

    Optional<E> get(String type) {
        return Optional.ofNullable(entries.get(type));
    }

    /** @return e.g. {@code console (built-in), slack (plugin slack)}, or {@code none} */
    String describe() {
        if (entries.isEmpty()) {
            return "none";
        }
        return entries.entrySet().stream()
                .map(e -> e.getKey() + " (" + label(originOf.apply(e.getValue())) + ")")
                .collect(Collectors.joining(", "));
    }

    static String label(String origin) {
        return PluginCatalog.BUILT_IN.equals(origin) ? origin : "plugin " + origin;
    }
}
