package dev.switchboard.plugins.sentry;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.Previewable;
import dev.switchboard.api.WorkflowEvent;
import java.util.Locale;
import java.util.LinkedHashMap;
import io.sentry.SentryEvent;
import io.sentry.Scope;
import io.sentry.DataCategory;
import io.sentry.SentryClient;
import io.sentry.SentryOptions;
import io.sentry.protocol.SentryId;
import io.sentry.transport.RateLimiter;
import io.sentry.util.HintUtils;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code sentry} handler: captures each event with its own {@link SentryClient} and waits,
 * bounded by {@code send_timeout}, for the SDK's asynchronous transport to say whether Sentry took
 * it, so that the runtime sees failures and can retry them.
 */
final class SentryEventHandler implements EventHandler, Previewable {

    private static final Logger LOG = LoggerFactory.getLogger(SentryEventHandler.class);

    private final String name;
    private final SentryOptions options;
    private final SentryClient client;
    private final SentryEventMapper mapper;
    private final DropLedger ledger;
    private final Duration sendTimeout;

    SentryEventHandler(String name, SentryOptions options, SentryClient client,
                       SentryEventMapper mapper, DropLedger ledger, Duration sendTimeout) {
        this.name = name;
        this.options = options;
        this.client = client;
        this.mapper = mapper;
        this.ledger = ledger;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public void handle(WorkflowEvent event) throws DeliveryException {
        Delivery delivery = ledger.open();
        // The type-check hint is how the SDK's transport reports an envelope's fate to its
        // caller. HintUtils is marked internal in the SDK; the version is pinned and bundled, and
        // SentryDropsTest fails if a new version stops reporting through it.
        SentryId id = client.captureEvent(mapper.toSentryEvent(event),
                mapper.scopeFor(event, options), HintUtils.createWithTypeCheckHint(delivery));
        if (SentryId.EMPTY_ID.equals(id)) {
            delivery.settle(false);
            throw DeliveryException.permanent(
                    "the Sentry SDK discarded the event before sending it (handler '" + name + "')");
        }
        if (!delivery.isSettled() && !delivery.isEnqueued()) {
            delivery.settle(false);
            throw DeliveryException.retryable(
                    "the Sentry SDK's send queue is full (handler '" + name + "')");
        }
        Boolean delivered = awaitOutcome(delivery);
        if (delivered == null) {
            throw DeliveryException.retryable("Sentry did not answer within " + sendTimeout
                    + " (handler '" + name + "'); the SDK may still send the event");
        }
        if (!delivered) {
            throw notDelivered();
        }
    }

    private Boolean awaitOutcome(Delivery delivery) throws DeliveryException {
        try {
            return delivery.await(sendTimeout);
        } catch (InterruptedException e) {
            // The runtime interrupts a worker whose attempt ran out of time, or when it stops.
            Thread.currentThread().interrupt();
            throw DeliveryException.retryable("interrupted while waiting for Sentry's answer"
                    + " (handler '" + name + "'); the SDK may still send the event");
        }
    }

    private DeliveryException notDelivered() {
        RateLimiter rateLimiter = client.getRateLimiter();
        if (rateLimiter != null && rateLimiter.isActiveForCategory(DataCategory.Error)) {
            return DeliveryException.retryable("Sentry is rate-limiting handler '" + name
                    + "' (HTTP 429); the SDK drops its events until the Retry-After has passed");
        }
        return DeliveryException.retryable("Sentry did not accept the event of handler '" + name
                + "' (an HTTP error or a connection failure; the SDK's warning says which)");
    }

    /**
     * Flushes what the SDK still holds, waiting at most {@code flush_timeout}, closes the client,
     * and logs how many events never reached Sentry.
     */
    @Override
    public void close() {
        client.close();
        ledger.abandonPending();
        long dropped = ledger.dropped();
        Map<String, Long> reasons = ledger.discardReasons();
        if (dropped > 0) {
            LOG.warn("Sentry handler '{}' closed: {} event(s) were not delivered (SDK discard"
                    + " reasons: {})", name, dropped, reasons);
        } else {
            LOG.info("Sentry handler '{}' closed: every captured event was delivered", name);
        }
    }

    /** @return how many captured events did not reach Sentry so far */
    long droppedEvents() {
        return ledger.dropped();
    }

    /** @return the SDK's own discard reasons for this handler's events */
    Map<String, Long> discardReasons() {
        return ledger.discardReasons();
    }

    /** The Sentry event {@link #handle} would capture: its message, level, tags and workflow context. */
    @Override
    public Map<String, Object> preview(WorkflowEvent event) {
        SentryEvent sentryEvent = mapper.toSentryEvent(event);
        Scope scope = mapper.scopeFor(event, options);
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("message", sentryEvent.getMessage() == null ? null : sentryEvent.getMessage().getFormatted());
        description.put("level", String.valueOf(sentryEvent.getLevel()).toLowerCase(Locale.ROOT));
        description.put("tags", new LinkedHashMap<>(scope.getTags()));
        Object workflow = scope.getContexts().get(SentryEventMapper.WORKFLOW_CONTEXT);
        description.put("contexts", Map.of(SentryEventMapper.WORKFLOW_CONTEXT,
                workflow instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : String.valueOf(workflow)));
        return description;
    }
}
