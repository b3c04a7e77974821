package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
    default void accept(WorkflowEvent event, List<String> handlers) throws StoreFullException {
        StoreWrites.await(acceptAsync(event, handlers, null, () -> { }));
    }

    /**
     * Stores an event and its deliveries as {@link #accept} does, without waiting for the disk:
     * room in every backlog is taken before this returns, and the returned future completes once
     * the event is durable. Events accepted one after another become durable in that order, so a
     * caller may pipeline accepts and still count them in order.
     *
     * @param event the event, with its id
     * @param handlers the handlers it goes to, as for {@link #accept}
     * @param position where an input file stands once this event is accepted, stored in the same
     *     transaction (see {@link #inputPosition}); null for an event that came from no file
     * @param beforeVisible run in the calling thread once room is taken and before any queue can
     *     hand the deliveries out, so that whatever it tells hears of the event before any outcome
     * @return completes when durable; completes exceptionally with a {@link StoreException} when the
     *     store cannot write (then nothing of the event was stored)
     * @throws StoreFullException when a handler's backlog is at its limit (nothing was stored and
     *     {@code beforeVisible} was not run)
     * @throws IllegalArgumentException when the event has no id
     * @throws IllegalStateException when the store is closed
     */
    CompletableFuture<Void> acceptAsync(WorkflowEvent event, List<String> handlers, InputPosition position,
            Runnable beforeVisible) throws StoreFullException;

    /**
     * Where an input file stood after its last accepted event.
     *
     * @param source the file's identity, as in {@link InputPosition#source()}
     * @return the position stored with the last event accepted from it, or empty when none was (or
     *     the store keeps no positions: the memory store)
     */
    Optional<InputPosition> inputPosition(String source);

    /**
     * Each handler's backlog (pending and leased deliveries), including handlers that are no longer
     * configured but still have deliveries stored.
     *
     * @return handler names to their backlog, only those above 0; a new map
     */
    Map<String, Long> backlogs();

    /**
     * Whether the store can write now: a durable store makes a small write and waits for its
     * commit. For a readiness check after a write failed.
     *
     * @throws StoreException when it cannot, saying why
     * @throws IllegalStateException when the store is closed
     */
    void checkWritable();

    /**
     * The queue of one handler's deliveries. Always the same instance for one name; a handler
     * with no deliveries yet has an empty queue.
     *
     * @param handler the handler's name
     * @return its queue, never null
     */
    HandlerQueue queue(String handler);

    /** @return the handlers' delivery policy states (disabled, breaker, pause), never null */
    HandlerStates handlerStates();

    /** @return the dead letters of every handler, never null */
    DeadLetters deadLetters();

    /** @return every handler's deliveries by state, for listing; never null */
    Deliveries deliveries();

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
