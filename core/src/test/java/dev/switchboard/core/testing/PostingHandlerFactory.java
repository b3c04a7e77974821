package dev.switchboard.core.testing;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.api.spi.HandlerFactory;
import java.util.Map;

/**
 * {@code type: posting}, a handler for tests found on the host class path: POSTs each event's seed
 * shape to {@code url} with {@code headers}, through the runtime's own HTTP transport (so its
 * answers are classified as the bundled webhook's are).
 */
public final class PostingHandlerFactory implements HandlerFactory {

    @Override
    public String type() {
        return "posting";
    }

    @Override
    public EventHandler create(HandlerContext context) {
        String url = context.config().string("url");
        Map<String, String> headers = context.config().stringMap("headers");
        return new WebhookEventHandler(context) {
            @Override
            public Object formatPayload(WorkflowEvent event) {
                return event.toSeedMap();
            }

            @Override
            public String webhookUrl() {
                return url;
            }

            @Override
            public Map<String, String> headers() {
                return headers;
            }
        };
    }
}
