package dev.switchboard.core.sessions;

import java.time.Instant;

/**
 * A session as listed.
 *
 * @param specName the first spec name its events carried; may be null
 * @param patternType the first pattern type its events carried; may be null
 * @param createdAt when the runtime first saw an event of it
 * @param updatedAt when the runtime last saw an event of it
 * @param eventCount events seen, including those no longer kept
 */
public record SessionSummary(String sessionId, String specName, String patternType, SessionStatus status,
                             Instant createdAt, Instant updatedAt, long eventCount) {
}
