package dev.switchboard.core.delivery;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.HandlerState;
import dev.switchboard.core.store.InputPosition;
import dev.switchboard.core.store.PostgresStore;
import dev.switchboard.core.store.StoreFullException;
import dev.switchboard.core.store.StoreWrites;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches accepted events to handlers, accepts each into the {@link DeliveryStore} with one delivery
 * per matching handler, and runs each handler's lane, which drains that handler's queue in the store.
 * The middleware around every
 * attempt, and its order, is assembled in {@link #pipeline}. What becomes of a failed attempt is
 * decided in three places: an HTTP answer is classified as delivered, retryable (with its
 * Retry-After) or permanent in {@code dev.switchboard.core.http.HttpAnswers}; whether and after
 * how long to try again is decided by {@link RetryPolicy}; the next attempt is scheduled, or the
 * delivery failed for good, by {@link HandlerLane}. Time comes from the injected {@link Clock}
 * and {@link Scheduler}, which the engine owns from then on.
 */
public final class DeliveryEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final long LONGEST_WAIT_FOR_ROOM_MILLIS = 50;

    /** The lanes added before {@link #start}. */
    private final List<HandlerLane> added = new ArrayList<>();
    /** The running lanes and the index of their subscriptions, swapped whole by {@link #reload}. */
    private volatile Lanes current = new Lanes(List.of(), List.of());
    private final PendingDeliveries pending;
    private final Scheduler scheduler;
    private final Clock clock;
    private final DeliveryListener listener;
    private volatile Set<String> substitutedValues;
    private final DeliveryStore store;
    private final FallbackHandoff fallbacks;
    private boolean started;
    private Map<String, HandlerState> savedStates;

    /**
     * @param substitutedValues values that came from {@code ${VAR}} substitutions, masked in every
     *     handler's reasons and log lines with the secrets of its own {@code config:}
     * @param store where accepted events wait for their lanes; the engine does not close it
     */
    public DeliveryEngine(DeliveryListener listener, Clock clock, Scheduler scheduler,
                          Collection<String> substitutedValues, DeliveryStore store) {
        this.listener = listener;
        this.clock = clock;
        this.scheduler = scheduler;
        this.substitutedValues = Set.copyOf(substitutedValues);
        this.store = store;
        // A shared store: what this runtime accepts, another may deliver (see PendingDeliveries).
        this.pending = new PendingDeliveries(store instanceof PostgresStore);
        this.fallbacks = new FallbackHandoff(store, pending);
    }

    /**
     * Adds a handler's lane; all lanes are added before {@link #start}.
     *
     * @param plugin the plugin that provides the handler's type, named in the lane's log lines
     */
    public void addHandler(HandlerSpec spec, EventHandler handler, String plugin, ClassLoader loader,
                           List<ResolvedFilter> filters) {
        if (started) {
            throw new IllegalStateException("lanes are added before the engine starts; then reload()");
        }
        added.add(lane(new NewHandler(spec, handler, plugin, loader, filters), savedStates()));
    }

    /** The running lanes, in the file's order, with the index of their subscriptions (same order). */
    private record Lanes(List<HandlerLane> lanes, List<Subscription> subscriptions, SubscriptionIndex index) {
        Lanes(List<HandlerLane> lanes, List<Subscription> subscriptions) {
            this(List.copyOf(lanes), List.copyOf(subscriptions), new SubscriptionIndex(subscriptions));
        }

        HandlerLane named(String name) {
            return lanes.stream().filter(lane -> lane.name().equals(name)).findFirst().orElse(null);
        }
    }

    /**
     * A handler created from a new configuration, for {@link #reload}.
     *
     * @param plugin the plugin that provides the handler's type, named in the lane's log lines
     */
    public record NewHandler(HandlerSpec spec, EventHandler handler, String plugin, ClassLoader loader,
                             List<ResolvedFilter> filters) {
    }

    /** What a reload did, by handler name. */
    public record Reloaded(List<String> added, List<String> replaced, List<String> removed) {
    }

    private HandlerLane lane(NewHandler created, Map<String, HandlerState> saved) {
        HandlerSpec spec = created.spec();
        HandlerInvoker invoker = new HandlerInvoker(created.handler(), created.loader(), spec.timeout(), scheduler);
        LaneSettings settings = new LaneSettings(spec.name(), spec.type(), created.plugin(), spec.retry(),
                spec.concurrency(), spec.queueCapacity(), spec.policy());
        Set<String> secrets = new LinkedHashSet<>(substitutedValues);
        secrets.addAll(ConfiguredSecrets.in(spec.config().asMap()));
        return new HandlerLane(settings, spec.timeout(), pipeline(spec, created.filters()), invoker, scheduler, clock,
                store.queue(spec.name()), pending, listener, SecretMasker.of(secrets),
                () -> ThreadLocalRandom.current().nextDouble(), store.handlerStates(), saved.get(spec.name()), fallbacks,
                new Subscription(spec.events(), spec.match()));
    }

    /** The handlers' policy states as the store kept them, read once. */
    private Map<String, HandlerState> savedStates() {
        if (savedStates == null) {
            savedStates = store.handlerStates().all();
        }
        return savedStates;
    }

    /**
     * The middleware around every attempt, outermost first; the handler call comes last. Signing is
     * not a link here: a handler with {@code signing:} is given a transport that signs each request
     * (see {@code PooledHttpTransport.signingWith}), because only there are the body's bytes final.
     */
    private static List<DeliveryInterceptor> pipeline(HandlerSpec spec, List<ResolvedFilter> filters) {
        List<DeliveryInterceptor> chain = new ArrayList<>();
        chain.add(new RedactionInterceptor(new Redactor(spec.redact())));
        for (ResolvedFilter filter : filters) {
            chain.add(new FilterInterceptor(filter.type(), filter.filter(), filter.loader()));
        }
        return chain;
    }

    /**
     * Starts the lanes. Deliveries the store kept from an earlier run (pending, scheduled or in
     * flight when it stopped) count as unfinished and are resumed; those of a handler that is no
     * longer configured stay in the store, and the log says how many.
     */
    public void start() {
        current = new Lanes(added, added.stream().map(HandlerLane::subscription).toList());
        List<HandlerLane> lanes = current.lanes();
        started = true;
        Map<String, Long> kept = store.backlogs();
        long resumed = 0;
        for (HandlerLane lane : lanes) {
            resumed += kept.getOrDefault(lane.name(), 0L);
        }
        pending.accepted(resumed);
        if (resumed > 0) {
            LOG.info("{} deliveries kept in the store from an earlier run are resumed", resumed);
        }
        Set<String> configured = new LinkedHashSet<>(lanes.stream().map(HandlerLane::name).toList());
        kept.forEach((handler, count) -> {
            if (!configured.contains(handler)) {
                LOG.warn("{} deliveries to handler '{}', which is no longer configured, stay in the store until it is"
                        + " configured again", count, handler);
            }
        });
        lanes.forEach(HandlerLane::start);
    }

    /**
     * Swaps the running handlers for those of a new configuration, all created already. A handler
     * only in the new set starts (with what the store kept for it); one only in the old set stops
     * leasing, finishes the attempts under way and keeps the rest of its deliveries in the store; one
     * in both is replaced: the old lane stops leasing and its attempts under way settle (each
     * settlement goes to the store, so none is lost or made twice), then the new lane leases from the
     * same queue. Events accepted meanwhile wait in the store. Call from one thread at a time.
     *
     * @param handlers the new handlers, in the file's order
     * @param substituted the new configuration's substituted values, masked like the first ones
     * @param settle how long to wait at most for a stopping lane's attempts under way; a new lane
     *     starts after that even if some still run (the store's lease keeps them from being made twice)
     */
    public synchronized Reloaded reload(List<NewHandler> handlers, Collection<String> substituted, Duration settle)
            throws InterruptedException {
        if (!started) {
            throw new IllegalStateException("start the engine first");
        }
        substitutedValues = Set.copyOf(substituted);
        Lanes old = current;
        Map<String, HandlerState> saved = store.handlerStates().all();
        List<HandlerLane> next = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (NewHandler handler : handlers) {
            next.add(lane(handler, saved));
            (old.named(handler.spec().name()) == null ? added : replaced).add(handler.spec().name());
        }
        Set<String> names = new LinkedHashSet<>(added);
        names.addAll(replaced);
        List<HandlerLane> stopping = old.lanes().stream().filter(lane -> names.contains(lane.name())).toList();
        List<HandlerLane> removed = old.lanes().stream().filter(lane -> !names.contains(lane.name())).toList();
        // New events go to the new set of handlers from here on; the lanes that stop lease no more.
        current = new Lanes(next, next.stream().map(HandlerLane::subscription).toList());
        old.lanes().forEach(HandlerLane::drain);
        long deadline = System.nanoTime() + settle.toNanos();
        for (HandlerLane lane : old.lanes()) {
            if (!lane.awaitDrained(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                LOG.warn("handler '{}': attempts under way had not settled after {} s; they settle on their own",
                        lane.name(), settle.toSeconds());
            }
        }
        Map<String, Long> kept = store.backlogs();
        for (String name : added) {
            pending.accepted(kept.getOrDefault(name, 0L)); // what the store kept of a handler configured again
        }
        for (HandlerLane lane : removed) {
            long left = kept.getOrDefault(lane.name(), 0L);
            pending.acceptFailed(left); // no longer this runtime's to finish
            LOG.info("handler '{}' was removed; {} deliveries to it stay in the store until it is configured again",
                    lane.name(), left);
        }
        next.forEach(HandlerLane::start);
        stopping.forEach(HandlerLane::closeHandler);
        removed.forEach(HandlerLane::closeHandler);
        return new Reloaded(added, replaced, removed.stream().map(HandlerLane::name).toList());
    }

    /**
     * Accepts the event into the store with one delivery per subscribed handler, waiting while a
     * handler's backlog is full, and returns once it is durable.
     *
     * @param accepted told of the event once it is accepted and before any lane can start on it
     * @return how many handlers will receive it
     */
    public int publish(WorkflowEvent event, Consumer<WorkflowEvent> accepted) throws InterruptedException {
        int[] count = new int[1];
        CompletableFuture<Void> durable = publishAsync(event, null, accepted, count);
        StoreWrites.await(durable);
        return count[0];
    }

    /**
     * Accepts the event into the store as {@link #publish} does, without waiting for the disk: waits
     * only while a handler's backlog is full.
     *
     * @param position where an input file stands once this event is accepted; null for none
     * @param accepted told of the event once it is accepted and before any lane can start on it
     * @return completes once the event is durable (exceptionally with the store's failure)
     */
    public CompletableFuture<Void> publishAsync(WorkflowEvent event, InputPosition position,
                                                Consumer<WorkflowEvent> accepted) throws InterruptedException {
        return publishAsync(event, position, accepted, new int[1]);
    }

    private CompletableFuture<Void> publishAsync(WorkflowEvent event, InputPosition position,
                                                 Consumer<WorkflowEvent> accepted, int[] count)
            throws InterruptedException {
        long wait = 1;
        while (true) {
            try {
                CompletableFuture<Void> durable = accept(event, position, accepted, count);
                if (durable != null) {
                    return durable;
                }
            } catch (StoreFullException full) {
                Thread.sleep(wait);
                wait = Math.min(LONGEST_WAIT_FOR_ROOM_MILLIS, wait * 2);
            }
        }
    }

    /**
     * Accepts the event only if every subscribed handler's backlog has room now, without waiting for
     * the disk.
     *
     * @param accepted told of the event once room is taken and before any lane can start on it,
     *     so that it sees the event before any delivery outcome does
     * @return completes once the event is durable (exceptionally with the store's failure), or null
     *     when some backlog is full (nothing was taken)
     */
    public CompletableFuture<Void> tryPublishAsync(WorkflowEvent event, Consumer<WorkflowEvent> accepted) {
        try {
            return accept(event, null, accepted, new int[1]);
        } catch (StoreFullException full) {
            return null;
        }
    }

    private CompletableFuture<Void> accept(WorkflowEvent event, InputPosition position,
                                           Consumer<WorkflowEvent> accepted, int[] count) throws StoreFullException {
        Lanes running = current;
        int[] matched = running.index().matching(event);
        List<String> handlers = new ArrayList<>(matched.length);
        for (int i : matched) {
            handlers.add(running.lanes().get(i).name());
        }
        count[0] = matched.length;
        CompletableFuture<Void> durable = store.acceptAsync(event, handlers, position, () -> {
            pending.accepted(matched.length);
            accepted.accept(event);
        });
        if (matched.length > 0) {
            durable.whenComplete((ok, failure) -> {
                if (failure != null) {
                    pending.acceptFailed(matched.length);
                }
            });
        }
        return durable;
    }

    /** @return true when every accepted delivery has finished before the timeout */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return pending.awaitNone(timeout);
    }

    public long pendingCount() {
        return pending.count();
    }

    /** @see PendingDeliveries#awaitBelow */
    public boolean awaitPendingBelow(long limit, long resumeBelow, Duration timeout) throws InterruptedException {
        return pending.awaitBelow(limit, resumeBelow, timeout);
    }

    public List<HandlerStats> stats() {
        return current.lanes().stream().map(HandlerLane::stats).toList();
    }

    /** @return each handler's delivery policy state (disabled, breaker, pause), by name */
    public Map<String, PolicyState> policyStates() {
        Map<String, PolicyState> states = new LinkedHashMap<>();
        current.lanes().forEach(lane -> states.put(lane.name(), lane.policyState()));
        return states;
    }

    /**
     * Enables a handler that a 410 disabled; its held deliveries are attempted again.
     *
     * @return whether it was disabled
     * @throws IllegalArgumentException when no handler has that name
     */
    public boolean enable(String handler) {
        return current.lanes().stream().filter(lane -> lane.name().equals(handler)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no handler named '" + handler + "'"))
                .enable();
    }

    /** @return per handler, the last few reasons deliveries failed for good */
    public Map<String, List<String>> recentFailures() {
        Map<String, List<String>> failures = new LinkedHashMap<>();
        current.lanes().forEach(lane -> failures.put(lane.name(), lane.recentFailures()));
        return failures;
    }

    /** Stops the lanes at once and closes every handler; what is unfinished stays in the store. */
    @Override
    public void close() {
        List<HandlerLane> lanes = started ? current.lanes() : added;
        lanes.forEach(HandlerLane::stop);
        scheduler.close();
        lanes.forEach(HandlerLane::closeHandler);
    }
}
