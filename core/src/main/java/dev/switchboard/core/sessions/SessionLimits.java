package dev.switchboard.core.sessions;

import java.time.Duration;

/**
 * What bounds the in-memory view of sessions: the least recently updated session is forgotten
 * first when there are more than {@code maxSessions}, a session not updated for {@code maxAge} is
 * forgotten, and a session keeps only its last {@code maxEventsPerSession} events.
 */
public record SessionLimits(int maxSessions, Duration maxAge, int maxEventsPerSession) {

    /** 1000 sessions, 24 hours, 200 events per session. */
    public static final SessionLimits DEFAULTS = new SessionLimits(1000, Duration.ofHours(24), 200);

    /** Checks that every bound is positive. */
    public SessionLimits {
        if (maxSessions < 1 || maxEventsPerSession < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("session limits must be positive: " + maxSessions + ", " + maxAge
                    + ", " + maxEventsPerSession);
        }
    }
}
