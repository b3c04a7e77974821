package dev.switchboard.core.plugin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The factories of one kind (handler or filter) by type. A type that more than one factory claims
 * is a {@link TypeConflict}: it resolves to none of them.
 *
 * @param <E> the entry kept per type
 */
final class TypeTable<E> {

    private final String kind;
    private final Map<String, E> entries = new HashMap<>();
    private final Map<String, List<TypeConflict.Provider>> providers = new TreeMap<>();

    /** @param kind {@code handler} or {@code filter}, for messages */
    TypeTable(String kind) {
        this.kind = kind;
    }

    void add(String type, E entry, TypeConflict.Provider provider) {
        entries.putIfAbsent(type, entry);
        providers.computeIfAbsent(type, t -> new ArrayList<>(1)).add(provider);
    }

    /** @return the type's factory, or empty when none or more than one provides it */
    Optional<E> get(String type) {
        List<TypeConflict.Provider> claims = providers.get(type);
        return claims == null || claims.size() > 1 ? Optional.empty()
                : Optional.of(entries.get(type));
    }

    /** @return the types that resolve to one factory, sorted */
    List<String> types() {
        return providers.entrySet().stream().filter(e -> e.getValue().size() == 1).map(Map.Entry::getKey).toList();
    }

    /** @return each later claim of a type against its first, by type */
    List<TypeConflict> conflicts() {
        List<TypeConflict> conflicts = new ArrayList<>();
        providers.forEach((type, claims) -> {
            for (TypeConflict.Provider later : claims.subList(1, claims.size())) {
                conflicts.add(new TypeConflict(kind, type, claims.get(0), later));
            }
        });
        return conflicts;
    }

    /**
     * @return e.g. {@code console (built-in), slack (plugin slack)}, a duplicated type as
     *     {@code webhook (plugin evil, plugin webhook: duplicate)}; {@code none} when empty
     */
    String describe() {
        if (providers.isEmpty()) {
            return "none";
        }
        return providers.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().stream()
                        .map(p -> label(p.origin())).collect(Collectors.joining(", "))
                        + (e.getValue().size() > 1 ? ": duplicate" : "") + ")")
                .collect(Collectors.joining(", "));
    }

    private static String label(String origin) {
        return PluginCatalog.BUILT_IN.equals(origin) ? origin : "plugin " + origin;
    }
}
