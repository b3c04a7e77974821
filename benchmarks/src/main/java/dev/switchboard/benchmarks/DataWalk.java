package dev.switchboard.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * The baseline: visit every value of a data tree and read every character of every string once,
 * which any scanner must do at least. What the filter costs beyond this is its own.
 */
final class DataWalk {

    private DataWalk() {
    }

    static long walk(Object value) {
        if (value instanceof String) {
            String text = (String) value;
            long sum = 0;
            for (int i = 0, n = text.length(); i < n; i++) {
                sum += text.charAt(i);
            }
            return sum;
        }
        long sum = 0;
        if (value instanceof Map) {
            for (Object item : ((Map<?, ?>) value).values()) {
                sum += walk(item);
            }
        } else if (value instanceof List) {
            for (Object item : (List<?>) value) {
                sum += walk(item);
            }
        }
        return sum;
    }
}
