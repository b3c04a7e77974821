package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import java.util.List;

/**
 * Where accepted events and their deliveries live until each delivery is delivered or
 * dead-lettered: the seam between ingest (which {@linkplain #accept accepts}) and the
 * per-handler lanes (which drain a {@linkplain #queue queue}).
 *
 * <p>Implementations are thread-safe: any number of ingest threads may accept while any number of
 * lane workers take and settle. No method accepts or returns null unless it says so. Every
 * implementation passes the same contract test suite ({@code DeliveryStoreContract}).
 *
 * <p>Lifecycle of one delivery: accepted as <em>pending</em> (due now), leased by
 * {@link HandlerQueue#take()} (<em>in flight</em>), then settled once by the lane:
 * {@linkplain HandlerQueue#delivered delivered}, {@linkplain HandlerQueue#retryAt pending again
 * at a later time}, or {@linkplain HandlerQueue#deadLetter dead}. Dead letters stay until they are
 * {@linkplain DeadLetters replayed or deleted}.
 *
 * @since 0.1
 */
public interface DeliveryStore extends AutoCloseable {

    /**
     * Stores an event and one pending delivery of it per handler, due now, and returns only once
     * that is durable (for a durable store: committed to disk). All or nothing: when one handler's
     * backlog is at its limit, nothing of the event is stored.
     *
     * @param event the event, carrying the id the runtime gave it ({@code event.id()} non-null);
     *     every attempt of every delivery of it carries that id
     * @param handlers the names of the handlers the event goes to; duplicates count once; may be
     *     empty (the event is stored for the record, with no delivery)
     * @throws StoreFullException when a handler's backlog is at its limit (the exception names it)
     * @throws StoreException when the store cannot write (disk full, file not writable, …)
     * @throws IllegalArgumentException when the event has no id
     * @throws IllegalStateException when the store is closed
     */
    void accept(WorkflowEvent event, List<String> handlers) throws StoreFullException;

    /**
     * The queue of one handler's deliveries. Always the same instance for one name; a handler
     * with no deliveries yet has an empty queue.
     *
     * @param handler the handler's name
     * @return its queue, never null
     */
    HandlerQueue queue(String handler);

    /** @return the dead letters of every handler, never null */
    DeadLetters deadLetters();

    /**
     * Removes one small batch of the records a durable store keeps past their use: delivered
     * deliveries older than the store's retention, and events left with no delivery. The runtime
     * calls it periodically and again while it returns a positive count; a batch is small enough
     * never to stall ingest. Dead letters are never pruned.
     *
     * @return how many rows were removed (0 when nothing is due for removal)
     */
    int prune();

    /**
     * Stops the store: waiting {@link HandlerQueue#take()} calls fail, writes in progress finish,
     * and files and locks are released. What is unfinished stays stored for the next open (for a
     * durable store). Idempotent.
     *
     * @throws StoreException when the last writes could not be completed
     */
    @Override
    void close();
}
