package dev.switchboard.core;

/**
 * What one handler has done so far.
 *
 * @param retried attempts that failed and were scheduled again
 * @param failed deliveries that failed for good
 * @param queued deliveries accepted and not yet finished (waiting, in flight or awaiting a retry)
 * @param stuckThreads worker threads abandoned in a handler that ignored the interrupt at its
 *     timeout and has not returned yet
 */
public record HandlerStats(String name, String type, long delivered, long retried, long failed, long queued,
                           int stuckThreads) {

    /** Counts with no stuck thread. */
    public HandlerStats(String name, String type, long delivered, long retried, long failed, long queued) {
        this(name, type, delivered, retried, failed, queued, 0);
    }
}
