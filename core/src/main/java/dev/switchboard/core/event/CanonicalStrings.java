package dev.switchboard.core.event;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One shared instance per distinct short string, for values that repeat across many objects kept
 * in memory (see this package's notes). Bounded: once full, it is emptied and fills again, so that a stream of ever-new values
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
        if (values.size() >= maxEntries) {
            values.clear();
        }
        // computeIfAbsent: see this package's notes on code on the per-event path.
        return values.computeIfAbsent(value, Function.identity());
    }

    int size() {
        return values.size();
    }
}
