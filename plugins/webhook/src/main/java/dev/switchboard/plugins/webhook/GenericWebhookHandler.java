package dev.switchboard.plugins.webhook;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.PayloadTemplate;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.WorkflowEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * The seed's {@code GenericWebhookHandler}: the body has exactly the keys {@code event_type},
 * {@code timestamp}, {@code session_id}, {@code spec_name}, {@code pattern_type} and {@code data},
 * so receivers written for the seed work unchanged; or, with {@code config.template} or
 * {@code config.template_file}, what the template makes of the event (Teams, Discord, any API).
 */
final class GenericWebhookHandler extends WebhookEventHandler {

    private final String url;
    private final Map<String, String> headers;
    /** Null when the handler sends the event in the seed's shape. */
    private final PayloadTemplate template;

    GenericWebhookHandler(HandlerContext context) {
        super(context);
        // The URL and header values often carry tokens: read as secrets, never logged.
        this.url = context.config().secret("url");
        this.headers = Map.copyOf(context.config().stringMap("headers"));
        requireHttpUrl(url);
        this.template = context.payloadTemplate().orElse(null);
    }

    private static void requireHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new ConfigException("url", "must be an absolute http:// or https:// URL");
            }
        } catch (URISyntaxException e) {
            throw new ConfigException("url", "must be an absolute http:// or https:// URL");
        }
    }

    @Override
    public Object formatPayload(WorkflowEvent event) throws DeliveryException {
        return template == null ? event.toSeedMap() : template.render(event);
    }

    @Override
    public String webhookUrl() {
        return url;
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }
}
