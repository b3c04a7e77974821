package dev.switchboard.core;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.WebhookEventHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Refuses, when the handler is created, a {@link WebhookEventHandler} URL that no attempt could
 * send: one with {@code user:password@}, which the HTTP client rejects as a deprecated userinfo
 * component, so that every delivery would fail and be retried in vain. One check in the core, for
 * the bundled webhook plugins and third-party ones alike. The message never repeats the URL.
 */
final class WebhookUrlCheck {

    private WebhookUrlCheck() {
    }

    /** @throws ConfigException naming the config key that holds the URL, when it can be found */
    static void check(HandlerConfig config, EventHandler handler) {
        if (!(handler instanceof WebhookEventHandler webhook)) {
            return;
        }
        String url;
        try {
            url = webhook.webhookUrl();
        } catch (RuntimeException notYetKnown) {
            return; // the first attempt reports it like any failure of the plugin
        }
        if (url != null && hasUserInfo(url)) {
            throw new ConfigException(keyHolding(config, url), "the URL holds a user name or password"
                    + " (user:password@), which is never sent; put credentials in a header instead,"
                    + " e.g. headers: {Authorization: \"Basic ${HOOK_BASIC_AUTH}\"}");
        }
    }

    private static boolean hasUserInfo(String url) {
        try {
            return new URI(url).getRawUserInfo() != null;
        } catch (URISyntaxException unparsable) {
            return false; // not this check's concern: the plugin or the transport says so
        }
    }

    /** @return the top-level key whose value is the URL, or null for the block itself */
    private static String keyHolding(HandlerConfig config, String url) {
        for (Map.Entry<String, Object> entry : config.asMap().entrySet()) {
            if (url.equals(entry.getValue())) {
                return entry.getKey();
            }
        }
        return null;
    }
}
