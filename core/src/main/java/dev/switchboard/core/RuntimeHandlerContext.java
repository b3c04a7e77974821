package dev.switchboard.core;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import dev.switchboard.api.PayloadTemplate;
import dev.switchboard.core.template.JsltTemplates;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The context a factory receives: the handler's name, its config and the shared services.
 *
 * @param httpTaken set once the factory has asked for {@link #http()}: a handler that never does
 *     sends nothing through the transport that signs
 */
record RuntimeHandlerContext(String name, HandlerConfig config, HttpTransport http, Clock clock,
                             String runtimeVersion, AtomicBoolean httpTaken) implements HandlerContext {

    RuntimeHandlerContext(String name, HandlerConfig config, HttpTransport http, Clock clock, String runtimeVersion) {
        this(name, config, http, clock, runtimeVersion, new AtomicBoolean());
    }

    @Override
    public HttpTransport http() {
        httpTaken.set(true);
        return http;
    }

    @Override
    public Optional<PayloadTemplate> payloadTemplate() {
        return Optional.ofNullable(JsltTemplates.compile(config));
    }
}
