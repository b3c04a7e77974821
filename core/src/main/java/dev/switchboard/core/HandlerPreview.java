package dev.switchboard.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one handler would do with an event, without anything being sent.
 *
 * @param handler the handler's name
 * @param type its type
 * @param outcome what it would do
 * @param reason why it would not send (the subscription's mismatch, the filter that drops the
 *     event, the failure), or null when it would send
 * @param requests for a handler sending through the runtime's HTTP transport, each request it
 *     would send, secrets masked as {@code ***}; empty otherwise
 * @param description for a handler that describes itself ({@link dev.switchboard.api.Previewable}),
 *     its description; null otherwise
 * @since 0.2
 */
public record HandlerPreview(String handler, String type, Outcome outcome, String reason,
                             List<Request> requests, Map<String, Object> description) {

    /** What a handler would do with the event. */
    public enum Outcome {
        /** Its subscription ({@code events:}, {@code match:}) does not take the event. */
        NOT_MATCHED,
        /** It would send what {@code requests} or {@code description} shows. */
        WOULD_SEND,
        /** A filter drops the event, or the handler sends nothing for it. */
        SENDS_NOTHING,
        /** The delivery would fail for good (e.g. its payload template fails for this event). */
        WOULD_FAIL,
        /** It is neither an HTTP-based handler nor {@link dev.switchboard.api.Previewable}. */
        CANNOT_PREVIEW;

        /** @return the name shown in the API and the command line, e.g. {@code would_send} */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * An HTTP request exactly as it would be sent, secrets masked.
     *
     * @param headers in order, {@code Content-Type} first
     * @param body the body's bytes as UTF-8 text
     */
    public record Request(String method, String url, List<Map.Entry<String, String>> headers, String body) {
    }

    /** @return whether its subscription takes the event */
    public boolean matched() {
        return outcome != Outcome.NOT_MATCHED;
    }

    /** @return this preview as a JSON tree, as {@code POST /v1/preview} answers it */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("handler", handler);
        json.put("type", type);
        json.put("matched", matched());
        json.put("outcome", outcome.label());
        if (reason != null) {
            json.put("reason", reason);
        }
        if (!requests.isEmpty()) {
            List<Object> shown = new ArrayList<>();
            for (Request request : requests) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("method", request.method());
                r.put("url", request.url());
                List<Object> headers = new ArrayList<>();
                for (Map.Entry<String, String> header : request.headers()) {
                    Map<String, Object> h = new LinkedHashMap<>();
                    h.put("name", header.getKey());
                    h.put("value", header.getValue());
                    headers.add(h);
                }
                r.put("headers", headers);
                r.put("body", request.body());
                shown.add(r);
            }
            json.put("requests", shown);
        }
        if (description != null) {
            json.put("description", description);
        }
        return json;
    }
}
