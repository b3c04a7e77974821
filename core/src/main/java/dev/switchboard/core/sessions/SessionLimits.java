package dev.switchboard.core.sessions;

import java.time.Duration;

/**
 * What bounds the in-memory view of sessions: the least recently updated session is forgotten
 * first when there are more than {@code maxSessions} or the kept events take more than
 * {@code maxBytes}, a session not updated for {@code maxAge} is forgotten, a session keeps only its
 * last {@code maxEventsPerSession} events, and of each event's data at most {@code maxEventBytes}
 * (as JSON) is kept.
 *
 * <p>For the view read from the SQLite store ({@code SqliteStore#sessions}) the same bounds are the
 * store's retention rules for sessions, and {@code maxBytes} does not apply.
 *
 * @param maxBytes bound of the bytes the view accounts (see {@link SessionView#bytes()})
 * @param maxEventBytes bound of one event's kept data, as UTF-8 JSON; at most {@code maxBytes}
 */
public record SessionLimits(int maxSessions, Duration maxAge, int maxEventsPerSession, long maxBytes,
                            int maxEventBytes) {

    /** One event's data is cut beyond 64 KiB by default. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 64 * 1024;
    /** The view takes at most this share of the heap by default. */
    public static final double DEFAULT_HEAP_SHARE = 0.05;

    /** 1000 sessions, 24 hours, 200 events per session, 5 % of the heap, 64 KiB of data per event. */
    public static final SessionLimits DEFAULTS = new SessionLimits(1000, Duration.ofHours(24), 200);

    /** Checks that every bound is positive. */
    public SessionLimits {
        if (maxSessions < 1 || maxEventsPerSession < 1 || maxAge.isNegative() || maxAge.isZero() || maxBytes < 1
                || maxEventBytes < 1 || maxEventBytes > maxBytes) {
            throw new IllegalArgumentException("session limits must be positive (and max_event_bytes at most "
                    + "max_bytes): " + maxSessions + ", " + maxAge + ", " + maxEventsPerSession + ", " + maxBytes
                    + ", " + maxEventBytes);
        }
    }

    /** With the default byte bounds. */
    public SessionLimits(int maxSessions, Duration maxAge, int maxEventsPerSession) {
        this(maxSessions, maxAge, maxEventsPerSession, defaultMaxBytes(), DEFAULT_MAX_EVENT_BYTES);
    }

    /**
     * @return {@value #DEFAULT_HEAP_SHARE} of the heap's maximum (of 1 GiB when the JVM sets none),
     *     and never less than one event's data
     */
    public static long defaultMaxBytes() {
        long heap = Runtime.getRuntime().maxMemory();
        long share = (long) ((heap == Long.MAX_VALUE ? 1L << 30 : heap) * DEFAULT_HEAP_SHARE);
        return Math.max(DEFAULT_MAX_EVENT_BYTES, share);
    }
}
