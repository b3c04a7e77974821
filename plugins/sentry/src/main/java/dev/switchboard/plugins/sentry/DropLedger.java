package dev.switchboard.plugins.sentry;

import io.sentry.DataCategory;
import io.sentry.SentryOptions;
import io.sentry.clientreport.DiscardReason;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the events of one handler that the SDK did not deliver.
 *
 * <p>The count comes from each capture's {@link Delivery}: it covers what the SDK reports as
 * discarded (its rate limiter's drops, a full queue, network errors, refused envelopes) and also
 * what it does not — the envelope Sentry answered with 429 (the SDK leaves that one out of its
 * client reports) and events still unsent when {@link #abandonPending()} runs at close. The SDK's
 * own discard reasons ({@link SentryOptions.OnDiscardCallback}, events only) are kept beside it for
 * the log.
 */
final class DropLedger implements SentryOptions.OnDiscardCallback {

    private final AtomicLong dropped = new AtomicLong();
    private final ConcurrentMap<String, LongAdder> reasons = new ConcurrentHashMap<>();
    private final Set<Delivery> pending = ConcurrentHashMap.newKeySet();

    /** @return a new delivery, pending until the SDK settles it */
    Delivery open() {
        Delivery delivery = new Delivery(this::settled);
        pending.add(delivery);
        return delivery;
    }

    /** Settles every delivery still pending as not delivered; called once the client is closed. */
    void abandonPending() {
        for (Delivery delivery : pending) {
            delivery.settle(false);
        }
    }

    @Override
    public void execute(DiscardReason reason, DataCategory category, Long number) {
        if (DataCategory.Error.equals(category)) {
            reasons.computeIfAbsent(reason.getReason(), r -> new LongAdder()).add(number);
        }
    }

    /** @return how many captured events did not reach Sentry */
    long dropped() {
        return dropped.get();
    }

    /** @return the SDK's discard reasons for events, e.g. {@code ratelimit_backoff=1}, sorted */
    Map<String, Long> discardReasons() {
        Map<String, Long> copy = new TreeMap<>();
        reasons.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }

    private void settled(Delivery delivery, boolean success) {
        pending.remove(delivery);
        if (!success) {
            dropped.incrementAndGet();
        }
    }
}
