package dev.switchboard.core.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Replays dead letters named by id and says what became of each id: the API's
 * {@code {"ids": [...]}} and {@code switchboard replay ID…}. The dead letters among the ids are
 * replayed in one write; the others are skipped and named. Only replays and deletions change a dead
 * letter (lanes never do), so what is read first still holds unless another operator replays or
 * deletes the same ones at that moment; {@link Outcome#replayed()} counts what was done.
 *
 * @since 0.1
 */
public final class IdReplay {

    private IdReplay() {
    }

    /**
     * An id that was not replayed.
     *
     * @param id the delivery id
     * @param state its state, or null when the store has no such delivery
     * @since 0.1
     */
    public record Skipped(long id, DeliveryState state) {

        /** @return why it was skipped, e.g. {@code not a dead letter (pending)} or {@code no such delivery} */
        public String reason() {
            return state == null ? "no such delivery" : "not a dead letter (" + state.column() + ")";
        }
    }

    /**
     * @param replayed how many dead letters became pending again
     * @param skipped the ids that were not dead letters, in the order given
     * @since 0.1
     */
    public record Outcome(int replayed, List<Skipped> skipped) {

        /** Copies the list. */
        public Outcome {
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * @param store the store; never null
     * @param ids delivery ids; duplicates count once
     * @return how many were replayed and which ids were skipped
     * @throws StoreException when the store cannot read or write
     */
    public static Outcome replay(DeliveryStore store, Collection<Long> ids) {
        List<Long> dead = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (long id : new LinkedHashSet<>(ids)) {
            DeliveryState state = store.deliveries().get(id).map(DeliveryRecord::state).orElse(null);
            if (state == DeliveryState.DEAD) {
                dead.add(id);
            } else {
                skipped.add(new Skipped(id, state));
            }
        }
        return new Outcome(dead.isEmpty() ? 0 : store.deadLetters().replay(dead), skipped);
    }
}
