package dev.switchboard.plugins.webhook;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import java.util.List;

/**
 * {@code type: webhook}: POSTs each event, in the seed's JSON shape or through {@code config.template}, to {@code config.url} with
 * {@code config.headers}.
 */
public final class WebhookHandlerFactory implements HandlerFactory {

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                ConfigKey.string("url", "The http:// or https:// URL each event is POSTed to").required().secret(),
                ConfigKey.map("headers", "Extra request headers, e.g. Authorization").secret(),
                ConfigKey.string("template", "A JSLT transformation of the event whose output is the body (inline)"),
                ConfigKey.string("template_file",
                        "A file holding the JSLT template, relative to the folder of handlers.yaml"));
    }

    @Override
    public EventHandler create(HandlerContext context) {
        return new GenericWebhookHandler(context);
    }
}
