package dev.switchboard.plugins.secure;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks an event's data tree: drops top-level keys outside the allow-list, replaces the values of
 * sensitive keys whole, and scans every string at any depth. Copies only what changes, and
 * returns the very same tree when nothing does. Thread-safe.
 */
final class DataScrubber {

    private final TextScanner scanner;
    /** Lower-case key name to the marker its whole value becomes. */
    private final Map<String, String> keyMarkers;
    /** Null when every top-level key may pass. */
    private final Set<String> allowKeys;

    DataScrubber(TextScanner scanner, Map<String, String> keyMarkers, Set<String> allowKeys) {
        this.scanner = scanner;
        this.keyMarkers = Map.copyOf(keyMarkers);
        this.allowKeys = allowKeys == null ? null : Set.copyOf(allowKeys);
    }

    /** @return {@code data} itself when nothing changes, else a cleaned copy */
    @SuppressWarnings("unchecked")
    Map<String, Object> scrub(Map<String, Object> data) {
        return (Map<String, Object>) scrubMap(data, allowKeys);
    }

    private Map<?, ?> scrubMap(Map<?, ?> map, Set<String> allowed) {
        Map<Object, Object> copy = null;
        int index = 0;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            Object value = entry.getValue();
            boolean keep = allowed == null || allowed.contains(String.valueOf(key));
            Object cleaned = keep ? scrubEntry(key, value) : value;
            if (copy == null && (!keep || cleaned != value)) {
                copy = firstEntries(map, index);
            }
            if (copy != null && keep) {
                copy.put(key, cleaned);
            }
            index++;
        }
        return copy == null ? map : copy;
    }

    private Object scrubEntry(Object key, Object value) {
        if (value == null) {
            return null;
        }
        String marker = keyMarkers.get(String.valueOf(key).toLowerCase(Locale.ROOT));
        if (marker == null) {
            return scrubValue(value);
        }
        // Already redacted (a second pass): keep the instance so the event is not copied.
        return marker.equals(value) ? value : marker;
    }

    private Object scrubValue(Object value) {
        if (value instanceof String) {
            return scanner.scan((String) value);
        }
        if (value instanceof Map) {
            return scrubMap((Map<?, ?>) value, null);
        }
        if (value instanceof List) {
            return scrubList((List<?>) value);
        }
        return value;
    }

    private List<?> scrubList(List<?> list) {
        List<Object> copy = null;
        int index = 0;
        for (Object item : list) {
            Object cleaned = item == null ? null : scrubValue(item);
            if (copy == null && cleaned != item) {
                copy = new ArrayList<>(list.size());
                copy.addAll(list.subList(0, index));
            }
            if (copy != null) {
                copy.add(cleaned);
            }
            index++;
        }
        return copy == null ? list : copy;
    }

    /** The entries before the first change: all of them kept and unchanged. */
    private static Map<Object, Object> firstEntries(Map<?, ?> map, int count) {
        Map<Object, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
        for (int i = 0; i < count; i++) {
            Map.Entry<?, ?> entry = entries.next();
            copy.put(entry.getKey(), entry.getValue());
        }
        return copy;
    }
}
