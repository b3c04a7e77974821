package dev.switchboard.core.event;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct short string, for values that repeat across many objects kept
 * in memory. Bounded: once full, it is emptied and fills again, so that a stream of ever-new values
 * (session ids) costs no more than a bounded map.
 */
final class CanonicalStrings {

    private final ConcurrentHashMap<String, String> values = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final int maxLength;

    CanonicalStrings(int maxEntries, int maxLength) {
        this.maxEntries = maxEntries;
        this.maxLength = maxLength;
    }

    /** @return the shared instance equal to {@code value} (this one if it is the first, or too long) */
    String canonical(String value) {
        if (value.length() > maxLength) {
            return value;
        }
        String shared = values.get(value);
        if (shared != null) {
            return shared;
        }
        if (values.size() >= maxEntries) {
            values.clear();
        }
        shared = values.putIfAbsent(value, value);
        return shared != null ? shared : value;
    }

    int size() {
        return values.size();
    }
}
