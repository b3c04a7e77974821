package dev.switchboard.core;

/**
 * What one handler has done so far.
 *
 * @param retried attempts that failed and were scheduled again
 * @param failed deliveries that failed for good
 * @param queued deliveries accepted and not yet finished (waiting, in flight or awaiting a retry)
 */
public record HandlerStats(String name, String type, long delivered, long retried, long failed, int queued) {
}
