package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One handler's failure log: one line per failure (handler and plugin, event id, attempt,
 * reason), and a handler bug's stack trace once per distinct cause per {@link #TRACE_EVERY}
 * (else at debug), so a failing handler does not fill the log with the same frames per event.
 * Every line has the handler's configured secrets masked. Lines about one delivery carry
 * {@code handler}, {@code plugin}, {@code event_id}, {@code delivery_id}, {@code attempt} and
 * {@code status} in the MDC, which the JSON log format writes as fields.
 */
final class FailureLog {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerLane.class);

    static final Duration TRACE_EVERY = Duration.ofMinutes(1);
    static final List<String> FIELDS = List.of("handler", "plugin", "event_id", "delivery_id", "attempt", "status");
    private static final int CAUSES_REMEMBERED = 64;

    private final String handler;
    private final String plugin;
    private final Clock clock;
    private final SecretMasker masker;
    /** Cause (exception type and the frame it was thrown at) to when its trace was last logged. */
    private final Map<String, Instant> tracedAt = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > CAUSES_REMEMBERED;
        }
    };

    private Instant lastUnreadable;

    FailureLog(String handler, String plugin, Clock clock, SecretMasker masker) {
        this.handler = handler;
        this.plugin = plugin;
        this.clock = clock;
        this.masker = masker;
    }

    void delivered(long deliveryId, WorkflowEvent event, int attempt) {
        if (LOG.isDebugEnabled()) {
            withFields(deliveryId, event, attempt, "delivered", () ->
                    LOG.debug("{}: event {} ({}) attempt {}: delivered", who(), event.id(), event.eventType(), attempt));
        }
    }

    void retrying(long deliveryId, WorkflowEvent event, int attempt, String reason, Duration delay) {
        if (LOG.isDebugEnabled()) {
            withFields(deliveryId, event, attempt, "retry_scheduled", () ->
                    LOG.debug("{}: {}; retrying in {} ms", who(), what(event, attempt, reason), delay.toMillis()));
        }
    }

    void failed(long deliveryId, WorkflowEvent event, int attempt, String reason) {
        withFields(deliveryId, event, attempt, "failed", () ->
                LOG.warn("{}: {} — failed for good", who(), what(event, attempt, reason)));
    }

    void expired(WorkflowEvent event, Duration expireAfter) {
        LOG.warn("{}: event {} ({}) expired: not delivered within {} of its acceptance — a dead letter, not sent late",
                who(), event.id(), event.eventType(), expireAfter);
    }

    void bug(long deliveryId, WorkflowEvent event, int attempt, String reason, Throwable cause) {
        String line = what(event, attempt, reason) + " — a bug in the handler, not retried";
        withFields(deliveryId, event, attempt, "failed", () -> {
            if (traceDue(cause)) {
                LOG.error("{}: {}", who(), line, masked(cause));
            } else {
                LOG.error("{}: {} (stack trace logged before for this cause; at debug)", who(), line);
                LOG.debug("{}: stack trace", who(), masked(cause));
            }
        });
    }

    /** Logs with the delivery's fields in the MDC (this thread's; removed afterwards). */
    private void withFields(long deliveryId, WorkflowEvent event, int attempt, String status, Runnable logging) {
        MDC.put("handler", handler);
        MDC.put("plugin", plugin);
        MDC.put("event_id", event.id());
        MDC.put("delivery_id", Long.toString(deliveryId));
        MDC.put("attempt", Integer.toString(attempt));
        MDC.put("status", status);
        try {
            logging.run();
        } finally {
            for (String key : FIELDS) {
                MDC.remove(key);
            }
        }
    }

    void stuck(long timeoutMillis, String threadName, boolean replaced) {
        LOG.warn("{}: thread {} did not stop when interrupted at its {} ms timeout and is abandoned; {}",
                who(), threadName, timeoutMillis, replaced
                        ? "a new worker takes its place"
                        : "too many are stuck already, the lane goes on with the workers left");
    }

    /** A settle the store could not record: the delivery stays in flight there and is resumed on the next start. */
    void notRecorded(long deliveryId, WorkflowEvent event, int attempt, String outcome, Throwable cause) {
        withFields(deliveryId, event, attempt, "not_recorded", () -> LOG.error("{}: event {} attempt {}: the store could not record it as {}: {}; it is attempted again when the"
                + " runtime next starts", who(), event.id(), attempt, outcome, masker.mask(RetryPolicy.describe(cause))));
    }

    /** A read of the store failed: logged at most once per {@link #TRACE_EVERY}, the workers read again. */
    void storeUnreadable(RuntimeException cause) {
        Instant now = clock.instant();
        synchronized (this) {
            if (lastUnreadable != null && Duration.between(lastUnreadable, now).compareTo(TRACE_EVERY) < 0) {
                return;
            }
            lastUnreadable = now;
        }
        LOG.error("{}: cannot read its deliveries from the store: {}; trying again every {} s", who(),
                cause.getMessage(), HandlerLane.STORE_RETRY.toSeconds());
    }

    void closeFailed(Throwable cause) {
        LOG.warn("{}: close failed: {}", who(), masker.mask(RetryPolicy.describe(cause)));
    }

    private String who() {
        return "handler '" + handler + "' (plugin " + plugin + ")";
    }

    private static String what(WorkflowEvent event, int attempt, String reason) {
        return "event " + event.id() + " (" + event.eventType() + ") attempt " + attempt + ": " + reason;
    }

    private synchronized boolean traceDue(Throwable cause) {
        StackTraceElement[] frames = cause.getStackTrace();
        String key = cause.getClass().getName() + (frames.length > 0 ? "@" + frames[0] : "");
        Instant now = clock.instant();
        Instant last = tracedAt.get(key);
        if (last != null && Duration.between(last, now).compareTo(TRACE_EVERY) < 0) {
            return false;
        }
        tracedAt.put(key, now);
        return true;
    }

    /** The same frames under a masked message, when the message holds a secret. */
    private Throwable masked(Throwable cause) {
        String message = cause.getMessage();
        String masked = masker.mask(message);
        if (message == null || masked.equals(message)) {
            return cause;
        }
        Throwable copy = new Throwable(cause.getClass().getName() + ": " + masked);
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }
}
