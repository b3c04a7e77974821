package dev.switchboard.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every handler (or one) would do with an event: {@link Switchboard#preview}.
 *
 * @param eventId the id the event would be sent with ({@code webhook-id})
 * @param handlers one entry per handler, in the order of {@code handlers.yaml}
 * @since 0.2
 */
public record Preview(String eventId, List<HandlerPreview> handlers) {

    /** @return this preview as a JSON tree, as {@code POST /v1/preview} answers it */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_id", eventId);
        json.put("handlers", handlers.stream().map(HandlerPreview::toJson).toList());
        return json;
    }
}
