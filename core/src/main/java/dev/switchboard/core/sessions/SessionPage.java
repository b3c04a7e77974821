package dev.switchboard.core.sessions;

import java.util.List;

/**
 * One page of sessions, newest first.
 *
 * @param total how many sessions match the query across all pages
 */
public record SessionPage(List<SessionSummary> items, int offset, int limit, int total) {
}
