package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Removes or masks sensitive keys ({@code api_key}, {@code password}, {@code secret} by default)
 * at any depth of an event's data, in maps and in lists, comparing keys case-insensitively.
 * An event with nothing to redact is returned as the same instance, without copying.
 */
final class Redactor {

    static final String MASK = "***";

    private final Set<String> keys;
    private final boolean mask;

    Redactor(RedactSettings settings) {
        this.keys = settings.keys().stream()
                .map(key -> key.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.mask = settings.mode() == RedactSettings.Mode.MASK;
    }

    WorkflowEvent redact(WorkflowEvent event) {
        if (keys.isEmpty() || !containsSensitive(event.data())) {
            return event;
        }
        return event.withData(redactMap(event.data()));
    }

    private boolean containsSensitive(Object value) {
        if (value instanceof Map) {
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (isSensitive(entry.getKey()) || containsSensitive(entry.getValue())) {
                    return true;
                }
            }
        } else if (value instanceof List) {
            for (Object item : (List<?>) value) {
                if (containsSensitive(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private Map<String, Object> redactMap(Map<?, ?> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : source.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (!isSensitive(key)) {
                copy.put(key, redactValue(entry.getValue()));
            } else if (mask) {
                copy.put(key, MASK);
            }
        }
        return copy;
    }

    private Object redactValue(Object value) {
        if (value instanceof Map) {
            return redactMap((Map<?, ?>) value);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            for (Object item : (List<?>) value) {
                copy.add(redactValue(item));
            }
            return copy;
        }
        return value;
    }

    private boolean isSensitive(Object key) {
        String text = String.valueOf(key);
        // A loop of equalsIgnoreCase keeps the common case (nothing to redact) allocation-free.
        for (String sensitive : keys) {
            if (sensitive.equalsIgnoreCase(text)) {
                return true;
            }
        }
        return false;
    }
}
