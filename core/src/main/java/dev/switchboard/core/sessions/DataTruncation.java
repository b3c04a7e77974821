package dev.switchboard.core.sessions;

/**
 * That, and how much, the sessions view cut of an event's data to keep it within
 * {@link SessionLimits#maxEventBytes}.
 *
 * @param originalBytes the whole (redacted) data's size as the view counts it
 * @param droppedKeys how many top-level members were left out
 */
public record DataTruncation(long originalBytes, int droppedKeys) {
}
