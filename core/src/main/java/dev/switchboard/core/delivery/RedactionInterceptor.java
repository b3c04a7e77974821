package dev.switchboard.core.delivery;

import java.util.concurrent.CompletionStage;

/** The runtime's own redaction, first in every pipeline: no handler sees a sensitive key. */
final class RedactionInterceptor implements DeliveryInterceptor {

    private final Redactor redactor;

    RedactionInterceptor(Redactor redactor) {
        this.redactor = redactor;
    }

    @Override
    public CompletionStage<Void> intercept(Chain chain) {
        return chain.proceed(redactor.redact(chain.event()));
    }

    @Override
    public String toString() {
        return "redact";
    }
}
