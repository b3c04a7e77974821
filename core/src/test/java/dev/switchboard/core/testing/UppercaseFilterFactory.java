package dev.switchboard.core.testing;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.FilterFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code filters: [uppercase]} for tests: upper-cases every top-level string in data, and drops
 * events whose {@code data.drop} is true. Records the data it was given as {@code seen_keys}.
 */
public final class UppercaseFilterFactory implements FilterFactory {

    @Override
    public String type() {
        return "uppercase";
    }

    @Override
    public EventFilter create(HandlerContext context) {
        return event -> {
            if (Boolean.TRUE.equals(event.data().get("drop"))) {
                return null;
            }
            Map<String, Object> data = new LinkedHashMap<>();
            event.data().forEach((key, value) ->
                    data.put(key, value instanceof String ? ((String) value).toUpperCase(Locale.ROOT) : value));
            data.put("seen_keys", String.join(",", event.data().keySet()));
            return event.withData(data);
        };
    }
}
