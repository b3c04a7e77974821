package dev.switchboard.core.delivery;

import dev.switchboard.core.config.DeliveryPolicy;
import dev.switchboard.core.store.HandlerState;
import dev.switchboard.core.store.HandlerStates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether one handler may start an attempt now, by its delivery policy, in this order: disabled
 * (a 410; until an operator enables it), paused (a 429's Retry-After pauses the whole handler),
 * its circuit breaker (open after {@code breaker.failures} failed attempts in a row; one probe after
 * {@code breaker.open_for}), and its rate (a token bucket). A lane's workers wait here, never a
 * delivery's own thread or connection. Every change of state is logged once and saved in the
 * store's {@link HandlerStates}, so that it survives a restart. Thread-safe.
 */
final class HandlerGate {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerLane.class);

    /**
     * The longest single wait: the clock may jump (a manual clock in tests), and nothing signals the
     * passing of time, so a waiting worker looks again at least this often (as the store's takers do).
     */
    static final long MAX_WAIT_NANOS = Duration.ofMillis(20).toNanos();

    static final String CLOSED = "closed";
    static final String OPEN = "open";
    static final String HALF_OPEN = "half_open";

    /** The answer of {@link #admit}: whether the attempt may start, and whether it is the breaker's probe. */
    record Admission(long waitNanos, boolean probe) {
        static final Admission NOW = new Admission(0, false);
        static final Admission PROBE = new Admission(0, true);

        boolean admitted() {
            return waitNanos == 0;
        }
    }

    private final String handler;
    private final DeliveryPolicy.BreakerSettings breakerSettings;
    private final Clock clock;
    private final HandlerStates states;
    private final TokenBucket bucket;

    private Instant disabledAt;
    private String disabledReason;
    private Instant pausedUntil;
    private String breaker = CLOSED;
    private Instant breakerSince;
    private int consecutiveFailures;
    private boolean probeOut;

    HandlerGate(String handler, DeliveryPolicy policy, Clock clock, HandlerStates states, HandlerState saved) {
        this.handler = handler;
        this.breakerSettings = policy.breaker();
        this.clock = clock;
        this.states = states;
        this.bucket = policy.rate() == null ? null
                : new TokenBucket(policy.rate().perSecond(), policy.rate().burst(), clock.instant());
        if (saved != null) {
            disabledAt = saved.disabledAt();
            disabledReason = saved.disabledReason();
            pausedUntil = saved.pausedUntil();
            // A probe in flight at a stop is lost: the breaker is open again, and probes after open_for.
            breaker = saved.breaker().equals(CLOSED) ? CLOSED : OPEN;
            breakerSince = saved.breakerSince();
            if (disabledAt != null) {
                LOG.warn("handler '{}' is disabled since {} ({}), as it was when the runtime stopped; enable it with"
                        + " POST /v1/handlers/{}/enable or 'switchboard handlers enable {}'",
                        handler, disabledAt, disabledReason, handler, handler);
            }
        }
    }

    /**
     * Before a worker leases a delivery: how long no attempt can start, whatever the delivery.
     *
     * @return 0 when one may start now; else nanoseconds to wait before looking again
     */
    synchronized long closedFor() {
        Instant now = clock.instant();
        if (disabledAt != null) {
            return MAX_WAIT_NANOS;
        }
        if (pausedUntil != null && now.isBefore(pausedUntil)) {
            return Duration.between(now, pausedUntil).toNanos();
        }
        if (breaker.equals(OPEN)) {
            Instant probeAt = breakerSince.plus(breakerSettings.openFor());
            return now.isBefore(probeAt) ? Duration.between(now, probeAt).toNanos() : 0;
        }
        if (breaker.equals(HALF_OPEN) && probeOut) {
            return MAX_WAIT_NANOS;
        }
        return 0;
    }

    /**
     * Right before an attempt: admits it (taking a rate token, and the breaker's probe when half open),
     * or says how long to wait before asking again.
     */
    synchronized Admission admit() {
        long closed = closedFor();
        if (closed > 0) {
            return new Admission(closed, false);
        }
        Instant now = clock.instant();
        if (bucket != null) {
            long wait = bucket.take(now);
            if (wait > 0) {
                return new Admission(wait, false);
            }
        }
        if (breaker.equals(OPEN)) {
            change(HALF_OPEN, now, "open for " + breakerSettings.openFor() + ": one probe attempt");
        }
        if (breaker.equals(HALF_OPEN)) {
            probeOut = true;
            return Admission.PROBE;
        }
        return Admission.NOW;
    }

    /** Waits up to {@code nanos} (at most {@link #MAX_WAIT_NANOS}), or until the state changes. */
    synchronized void await(long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, Math.min(nanos, MAX_WAIT_NANOS)));
    }

    /** An attempt succeeded: the failures in a row start again from 0; a probe closes the breaker. */
    synchronized void succeeded(boolean probe) {
        consecutiveFailures = 0;
        if (probe) {
            probeOut = false;
            change(CLOSED, clock.instant(), "the probe attempt succeeded");
        }
    }

    /**
     * An attempt failed.
     *
     * @param counts whether the failure says the receiver is unwell (a 5xx, a timeout, a refused
     *     connection): only those open the breaker; a refused payload does not
     */
    synchronized void failed(boolean probe, boolean counts, String reason) {
        Instant now = clock.instant();
        if (probe) {
            probeOut = false;
            if (counts) {
                change(OPEN, now, "the probe attempt failed (" + reason + ")");
            } else {
                change(CLOSED, now, "the probe attempt was answered (" + reason + ")");
            }
            return;
        }
        if (!counts) {
            return;
        }
        consecutiveFailures++;
        if (breaker.equals(CLOSED) && consecutiveFailures >= breakerSettings.failures()) {
            change(OPEN, now, consecutiveFailures + " attempts failed in a row, the last: " + reason);
        }
    }

    /**
     * A 410 Gone: the receiver says stop sending; the handler's deliveries are held until it is enabled.
     *
     * @param reason what disabled it, shown as {@code disabled (REASON at TIME)}: {@code 410}
     */
    synchronized void gone(String reason) {
        if (probeOut) {
            probeOut = false;
        }
        if (disabledAt != null) {
            return;
        }
        disabledAt = clock.instant();
        disabledReason = reason;
        LOG.warn("handler '{}' is disabled: the receiver answered {} Gone; its deliveries are held, not dead-lettered,"
                + " until it is enabled (POST /v1/handlers/{}/enable or 'switchboard handlers enable {}')",
                handler, reason, handler, handler);
        save();
    }

    /** @return whether the handler was disabled (it is enabled now either way) */
    synchronized boolean enable() {
        if (disabledAt == null) {
            return false;
        }
        disabledAt = null;
        disabledReason = null;
        LOG.info("handler '{}' is enabled again; its held deliveries are attempted", handler);
        save();
        notifyAll();
        return true;
    }

    /** A 429 with Retry-After: the whole handler pauses until then (the receiver's limit is per handler). */
    synchronized void pause(Duration retryAfter) {
        Instant until = clock.instant().plus(retryAfter);
        if (pausedUntil != null && !until.isAfter(pausedUntil)) {
            return;
        }
        boolean wasPaused = pausedUntil != null && clock.instant().isBefore(pausedUntil);
        pausedUntil = until;
        if (!wasPaused) {
            LOG.warn("handler '{}' is paused until {}: the receiver answered 429 with Retry-After", handler, until);
        }
        save();
    }

    /** @return while the breaker is open, when it probes next; else null */
    synchronized Instant heldUntil() {
        return breaker.equals(OPEN) ? breakerSince.plus(breakerSettings.openFor()) : null;
    }

    synchronized PolicyState state() {
        Instant now = clock.instant();
        Instant paused = pausedUntil != null && now.isBefore(pausedUntil) ? pausedUntil : null;
        return new PolicyState(disabledAt, disabledReason, breaker, paused);
    }

    private void change(String to, Instant now, String why) {
        if (breaker.equals(to)) {
            return;
        }
        String from = breaker;
        breaker = to;
        breakerSince = now;
        if (to.equals(CLOSED)) {
            consecutiveFailures = 0;
        }
        if (to.equals(OPEN)) {
            LOG.warn("handler '{}': circuit breaker {} -> {}: {}; no attempts for {}, deliveries stay pending", handler,
                    from, to, why, breakerSettings.openFor());
        } else {
            LOG.info("handler '{}': circuit breaker {} -> {}: {}", handler, from, to, why);
        }
        save();
        notifyAll();
    }

    /** Saves the state without waiting for the disk; a failed save is logged, and the state holds in memory. */
    private void save() {
        HandlerState state = new HandlerState(disabledAt, disabledReason, breaker, breakerSince, pausedUntil);
        try {
            states.save(handler, state).whenComplete((ok, failure) -> {
                if (failure != null) {
                    LOG.error("handler '{}': its state ({}) could not be saved in the store: {}", handler,
                            state, failure.getMessage());
                }
            });
        } catch (IllegalStateException storeClosed) {
            // Stopping: the state of the last moment is not kept.
        }
    }
}
