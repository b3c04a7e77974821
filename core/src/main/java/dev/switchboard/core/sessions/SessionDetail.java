package dev.switchboard.core.sessions;

import java.util.List;

/**
 * A session with its events.
 *
 * @param events the events kept, oldest first (the last {@link SessionLimits#maxEventsPerSession})
 */
public record SessionDetail(SessionSummary summary, List<EventRecord> events) {
}
