package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A store in this process's memory (handlers.yaml {@code store: {type: memory}}): fast, but not
 * durable — a crash, a kill or a stop loses every pending delivery and every dead letter. For users
 * who prefer speed to durability. Thread-safe. Keeps no delivered records, so {@link #prune()}
 * has nothing to do.
 *
 * @since 0.1
 */
public final class MemoryStore implements DeliveryStore {

    private final Clock clock;
    private final Backlogs backlogs;
    private final ConcurrentHashMap<String, MemoryQueue> queues = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final MemoryDeadLetters deadLetters;
    private final MemoryDeliveries deliveries;
    private final MemoryHandlerStates handlerStates = new MemoryHandlerStates(this);
    private volatile boolean closed;

    /**
     * @param clock the clock due times are read from; never null
     * @param limits each handler's backlog limit; never null
     */
    public MemoryStore(Clock clock, BacklogLimits limits) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.backlogs = new Backlogs(Objects.requireNonNull(limits, "limits"));
        this.deadLetters = new MemoryDeadLetters(this, clock);
        this.deliveries = new MemoryDeliveries(this, deadLetters);
    }

    @Override
    public CompletableFuture<Void> acceptAsync(WorkflowEvent event, List<String> handlers, InputPosition position,
            Runnable beforeVisible) throws StoreFullException {
        List<String> targets = Backlogs.targets(event, handlers);
        checkOpen();
        backlogs.reserve(targets);
        try {
            beforeVisible.run();
        } catch (RuntimeException e) {
            backlogs.release(targets);
            throw e;
        }
        Instant now = clock.instant();
        for (String handler : targets) {
            memoryQueue(handler).add(new StoredDelivery(ids.incrementAndGet(), event, handler, 0, now, null, now), null,
                    now);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Always empty: a memory store keeps no input positions, so a rerun reads its file from the start. */
    @Override
    public Optional<InputPosition> inputPosition(String source) {
        return Optional.empty();
    }

    @Override
    public Map<String, Long> backlogs() {
        return backlogs.snapshot();
    }

    /** Memory can always be written. */
    @Override
    public void checkWritable() {
        checkOpen();
    }

    @Override
    public HandlerQueue queue(String handler) {
        return memoryQueue(handler);
    }

    MemoryQueue memoryQueue(String handler) {
        Objects.requireNonNull(handler, "handler");
        return queues.computeIfAbsent(handler, name -> new MemoryQueue(name, this, clock, backlogs, deadLetters));
    }

    @Override
    public HandlerStates handlerStates() {
        return handlerStates;
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Delivered deliveries are not kept: listing them finds none. */
    @Override
    public Deliveries deliveries() {
        return deliveries;
    }

    @Override
    public int prune() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        queues.values().forEach(MemoryQueue::wakeAll);
    }

    Collection<MemoryQueue> memoryQueues() {
        return queues.values();
    }

    Backlogs backlogCounts() {
        return backlogs;
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the delivery store is closed");
        }
    }
}
