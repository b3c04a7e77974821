package dev.switchboard.plugins.slack;

import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.WorkflowEvent;

/**
 * Posts each event to one Slack incoming webhook. The runtime's HTTP client sends it and reads
 * Slack's answer: 429 waits for Retry-After, 5xx is retried, any other 4xx (Slack's
 * {@code invalid_payload}, {@code channel_not_found}, {@code no_service}, …) fails for good with
 * Slack's reason.
 */
final class SlackHandler extends WebhookEventHandler {

    private final String webhookUrl;
    private final SlackMessageFormatter formatter;

    SlackHandler(HandlerContext context, String webhookUrl, SlackMessageFormatter formatter) {
        super(context);
        this.webhookUrl = webhookUrl;
        this.formatter = formatter;
    }

    @Override
    public Object formatPayload(WorkflowEvent event) {
        return formatter.format(event);
    }

    @Override
    public String webhookUrl() {
        return webhookUrl;
    }

    /** Names no URL: the webhook URL is itself the secret. */
    @Override
    public String toString() {
        return "SlackHandler";
    }
}
