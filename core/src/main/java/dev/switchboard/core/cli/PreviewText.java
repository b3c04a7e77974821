package dev.switchboard.core.cli;

import dev.switchboard.core.HandlerPreview;
import dev.switchboard.core.Preview;
import dev.switchboard.core.event.EventJson;
import java.io.PrintStream;
import java.util.Map;

/** A preview as text: one block per handler, an HTTP request as it would go on the wire. */
final class PreviewText {

    private PreviewText() {
    }

    static void print(Preview preview, PrintStream out) {
        out.println("event " + preview.eventId());
        for (HandlerPreview handler : preview.handlers()) {
            out.println();
            out.println("== " + handler.handler() + " (" + handler.type() + "): " + headline(handler));
            for (HandlerPreview.Request request : handler.requests()) {
                out.println(request.method() + " " + request.url());
                for (Map.Entry<String, String> header : request.headers()) {
                    out.println(header.getKey() + ": " + header.getValue());
                }
                out.println();
                out.println(request.body());
            }
            if (handler.description() != null) {
                out.println(describe(handler.description()));
            }
        }
    }

    private static String headline(HandlerPreview handler) {
        return switch (handler.outcome()) {
            case NOT_MATCHED -> "not matched: " + handler.reason();
            case WOULD_SEND -> "would send";
            case SENDS_NOTHING -> "sends nothing: " + handler.reason();
            case WOULD_FAIL -> "would fail for good: " + handler.reason();
            case CANNOT_PREVIEW -> handler.reason();
        };
    }

    private static String describe(Map<String, Object> description) {
        try {
            return EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(description);
        } catch (Exception e) {
            return String.valueOf(description);
        }
    }
}
