package ${package};

import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.WorkflowEvent;
import java.util.Map;

/**
 * POSTs {@code {"text": "PREFIX EVENT_TYPE: SPEC (session ID)"}} for each event, the body most chat
 * webhooks accept. The runtime's shared HTTP client sends it (with the event's id as the
 * {@code webhook-id} header) and its retry policy handles failures, so this class only says what to
 * send and where. Immutable, so safe for the runtime's concurrent calls.
 */
final class NotifyHandler extends WebhookEventHandler {

    /** The prefix when the config sets none. */
    static final String DEFAULT_PREFIX = "[switchboard]";

    private final String url;
    private final String prefix;

    NotifyHandler(HandlerContext context, String url, String prefix) {
        super(context);
        this.url = url;
        this.prefix = prefix;
    }

    @Override
    public Object formatPayload(WorkflowEvent event) {
        return Map.of("text", summary(event));
    }

    /** @return e.g. {@code [switchboard] step_complete: research-workflow (session a1b2)} */
    String summary(WorkflowEvent event) {
        StringBuilder text = new StringBuilder();
        if (!prefix.isEmpty()) {
            text.append(prefix).append(' ');
        }
        text.append(event.eventType());
        if (event.specName() != null) {
            text.append(": ").append(event.specName());
        }
        if (event.sessionId() != null) {
            text.append(" (session ").append(event.sessionId()).append(')');
        }
        return text.toString();
    }

    @Override
    public String webhookUrl() {
        return url;
    }

    /** Nothing to release: the runtime owns the HTTP client. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        // Never the URL: it may hold a token.
        return "NotifyHandler[${handlerType}]";
    }
}
