package dev.switchboard.core.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The dead letters of a {@link DeliveryStore}: listing, replay and deletion, for the API and the
 * command line. Thread-safe. A replay makes a dead letter pending again, due now, with its attempts
 * reset to 0; it keeps its delivery id and its event id (so the same {@code webhook-id}). Replays
 * do not count against a handler's backlog limit: they are an operator's decision.
 *
 * @since 0.1
 */
public interface DeadLetters {

    /**
     * Lists dead letters, newest first (by the time they died, then by id).
     *
     * @param handler only this handler's, or null for every handler's
     * @param eventId only this event's, or null for every event's
     * @param offset how many of the matching ones to skip, at least 0
     * @param limit how many to return at most, at least 0
     * @return the page, never null
     * @throws IllegalArgumentException when offset or limit is negative
     */
    List<DeadLetter> list(String handler, String eventId, int offset, int limit);

    /**
     * @param deliveryId a delivery id
     * @return the dead letter with that id, or empty when there is none (or it is not dead)
     */
    Optional<DeadLetter> get(long deliveryId);

    /**
     * @param deliveryId a delivery id
     * @return whether it was a dead letter and is now pending again
     */
    default boolean replay(long deliveryId) {
        return replay(List.of(deliveryId)) == 1;
    }

    /**
     * @param deliveryIds delivery ids; ids that are not dead letters are skipped
     * @return how many became pending again
     */
    int replay(Collection<Long> deliveryIds);

    /**
     * @param handler a handler's name
     * @return how many of its dead letters became pending again
     */
    int replayAll(String handler);

    /**
     * Replays every handler's dead letters, a page at a time, so that many are never held at once.
     *
     * @return how many became pending again
     */
    default int replayAll() {
        int replayed = 0;
        while (true) {
            List<Long> page = list(null, null, 0, 1_000).stream().map(dead -> dead.delivery().id()).toList();
            int done = page.isEmpty() ? 0 : replay(page);
            if (done == 0) {
                return replayed;
            }
            replayed += done;
        }
    }

    /**
     * @param deliveryId a delivery id
     * @return whether it was a dead letter and is now deleted
     */
    boolean delete(long deliveryId);
}
