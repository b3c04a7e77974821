package dev.switchboard.benchmarks.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stores the benchmarks compare, by the name a benchmark's options and tables use, each with
 * its handlers.yaml {@code store:} section: {@code sqlite-full} and {@code sqlite-normal} (the
 * SQLite store in the run's data folder, {@code sync: full} and {@code normal}) and {@code memory}.
 */
public final class StoreFlavours {

    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("sqlite-full", "store: {type: sqlite, sync: full}\n");
        SECTIONS.put("sqlite-normal", "store: {type: sqlite, sync: normal}\n");
        SECTIONS.put("memory", "store: {type: memory}\n");
    }

    private StoreFlavours() {
    }

    /** @return the names, SQLite ones first */
    public static List<String> names() {
        return List.copyOf(SECTIONS.keySet());
    }

    /** @return true for a name of {@link #names()} */
    public static boolean known(String name) {
        return SECTIONS.containsKey(name);
    }

    /**
     * @return the {@code store:} section (one line, ending in a newline) for the top of handlers.yaml
     * @throws IllegalArgumentException for a name not in {@link #names()}
     */
    public static String section(String name) {
        String section = SECTIONS.get(name);
        if (section == null) {
            throw new IllegalArgumentException("unknown store " + name + "; known: " + String.join(", ", names()));
        }
        return section;
    }

    /** @param names comma-separated store names, e.g. {@code memory,sqlite-full} @return them, each checked */
    public static List<String> parse(String names) {
        List<String> list = List.of(names.split(","));
        list.forEach(StoreFlavours::section);
        return list;
    }
}
