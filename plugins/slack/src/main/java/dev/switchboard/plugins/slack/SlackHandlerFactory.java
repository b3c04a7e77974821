package dev.switchboard.plugins.slack;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Creates {@code type: slack} handlers, which post workflow events to a Slack incoming webhook.
 *
 * <p>Config keys: {@code webhook_url} (required, a secret: it carries the webhook's token),
 * {@code channel} (default {@code #workflows}), {@code username} (default
 * {@code Strands Workflows}), {@code format} ({@code attachments}, the default, or
 * {@code blocks}). An empty {@code channel} or {@code username} leaves the key out of the
 * message, so the webhook's own setting applies.
 *
 * @since 0.1
 */
public final class SlackHandlerFactory implements HandlerFactory {

    static final String DEFAULT_CHANNEL = "#workflows";
    static final String DEFAULT_USERNAME = "Strands Workflows";

    /** Creates the factory; the runtime finds it through {@link java.util.ServiceLoader}. */
    public SlackHandlerFactory() {
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                ConfigKey.string("webhook_url", "The Slack incoming webhook URL (holds its token)").required().secret(),
                ConfigKey.string("channel", "The channel to post to; empty: the webhook's own").defaultValue(DEFAULT_CHANNEL),
                ConfigKey.string("username", "The name the messages show; empty: the webhook's own")
                        .defaultValue(DEFAULT_USERNAME),
                ConfigKey.string("format", "attachments or blocks (Block Kit)")
                        .defaultValue(SlackFormat.ATTACHMENTS.configName()));
    }

    @Override
    public EventHandler create(HandlerContext context) {
        HandlerConfig config = context.config();
        String webhookUrl = config.secret("webhook_url");
        checkUrl(webhookUrl);
        SlackFormat format = SlackFormat.parse(
                config.string("format", SlackFormat.ATTACHMENTS.configName()));
        SlackMessageFormatter formatter = new SlackMessageFormatter(
                emptyToNull(config.string("channel", DEFAULT_CHANNEL)),
                emptyToNull(config.string("username", DEFAULT_USERNAME)),
                format);
        return new SlackHandler(context, webhookUrl, formatter);
    }

    /** Checks the form only; the messages never repeat the URL, which holds a token. */
    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException("webhook_url", "is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                || uri.getHost() == null) {
            throw new ConfigException("webhook_url", "must be an absolute http or https URL");
        }
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
