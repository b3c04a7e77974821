package dev.switchboard.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * One handler's deliveries in a {@link DeliveryStore}, drained by that handler's lane.
 *
 * <p>Thread-safe: several lane workers take and settle concurrently. A delivery handed out by
 * {@link #take()} or {@link #poll} is <em>leased</em>: no other caller gets it until it is settled
 * by exactly one {@link #settle} (or one of its waiting forms {@link #delivered}, {@link #retryAt},
 * {@link #deadLetter}), or until the store is reopened after a crash, when leased deliveries
 * become pending again: delivery is at-least-once. Each settle counts the attempt just made. Arguments are
 * never null unless a method says so.
 *
 * @since 0.1
 */
public interface HandlerQueue {

    /**
     * Waits until a delivery is due (its due time, on the store's clock, is not after now) and
     * leases it.
     *
     * @return the leased delivery, never null
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws IllegalStateException when the store is closed, also while waiting
     */
    StoredDelivery take() throws InterruptedException;

    /**
     * As {@link #take()}, but waits at most {@code timeout} of real (not the store clock's) time,
     * so that a lane can stop.
     *
     * @param timeout how long to wait at most; zero or negative means not at all
     * @return the leased delivery, or null when none became due in time
     * @throws InterruptedException when the waiting thread is interrupted
     * @throws IllegalStateException when the store is closed, also while waiting
     */
    StoredDelivery poll(Duration timeout) throws InterruptedException;

    /**
     * Settles a leased delivery: counts the attempt just made and records what became of it.
     * Returns at once; the future completes once the settlement is durable (for a durable store:
     * committed to disk), after which a retry is handed out again when due and the backlog no longer
     * counts a delivered or dead one. A lane settles this way so that no thread waits for the disk.
     *
     * @param delivery a delivery this queue leased and nobody has settled yet
     * @param settlement what became of it
     * @return completes when durable; completes exceptionally with a {@link StoreException} when
     *     the store cannot write (the delivery then stays leased until the store is reopened, when it
     *     is pending again)
     * @throws IllegalStateException when the delivery is not leased from this queue, or is being
     *     settled already, or the store is closed
     */
    CompletableFuture<Void> settle(StoredDelivery delivery, Settlement settlement);

    /**
     * Settles a leased delivery as delivered and waits until that is durable; it leaves the backlog.
     *
     * @param delivery a delivery this queue leased and nobody has settled yet
     * @throws IllegalStateException when the delivery is not leased from this queue
     * @throws StoreException when the store cannot write; the delivery stays leased
     */
    default void delivered(StoredDelivery delivery) {
        StoreWrites.await(settle(delivery, Settlement.delivered()));
    }

    /**
     * Settles a leased delivery as pending again, due at {@code when}, and waits until that is
     * durable: it is not handed out before then, also across a restart. Its attempts grow by one.
     *
     * @param delivery a delivery this queue leased and nobody has settled yet
     * @param when when it is due again, on the store's clock
     * @param reason why the attempt failed (kept as its last reason), may be null
     * @throws IllegalStateException when the delivery is not leased from this queue
     * @throws StoreException when the store cannot write; the delivery stays leased
     */
    default void retryAt(StoredDelivery delivery, Instant when, String reason) {
        StoreWrites.await(settle(delivery, Settlement.retryAt(when, reason)));
    }

    /**
     * Settles a leased delivery as dead and waits until that is durable: it leaves the backlog and
     * stays among the {@link DeadLetters} until replayed or deleted. Its attempts grow by one.
     *
     * @param delivery a delivery this queue leased and nobody has settled yet
     * @param reason why it failed for good, may be null
     * @throws IllegalStateException when the delivery is not leased from this queue
     * @throws StoreException when the store cannot write; the delivery stays leased
     */
    default void deadLetter(StoredDelivery delivery, String reason) {
        StoreWrites.await(settle(delivery, Settlement.dead(reason)));
    }

    /**
     * This handler's unfinished (pending or leased) deliveries of one session that were accepted
     * before a given delivery: what that delivery waits for under {@code ordering: session}, also
     * after a restart, when the lane remembers nothing of the session. A leased delivery whose
     * settlement is not yet durable may still be among them.
     *
     * @param sessionId the session's id
     * @param before a delivery id; only smaller ids are answered
     * @return their ids in ascending order (acceptance order), empty when there are none
     * @throws StoreException when the store cannot be read
     */
    java.util.List<Long> unfinishedOfSession(String sessionId, long before);

    /** @return how many of this handler's deliveries are pending or leased (the backlog) */
    long backlog();
}
