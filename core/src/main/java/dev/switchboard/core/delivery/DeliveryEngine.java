package dev.switchboard.core.delivery;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.config.HandlerSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Matches accepted events to handlers and runs each handler's lane. The middleware around every
 * attempt, and its order, is assembled in {@link #pipeline}. What becomes of a failed attempt is
 * decided in three places: an HTTP answer is classified as delivered, retryable (with its
 * Retry-After) or permanent in {@code dev.switchboard.core.http.HttpAnswers}; whether and after
 * how long to try again is decided by {@link RetryPolicy}; the next attempt is scheduled, or the
 * delivery failed for good, by {@link HandlerLane}. Time comes from the injected {@link Clock}
 * and {@link Scheduler}, which the engine owns from then on.
 */
public final class DeliveryEngine implements AutoCloseable {

    private final List<HandlerLane> lanes = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private SubscriptionIndex index;
    private final PendingDeliveries pending = new PendingDeliveries();
    private final Scheduler scheduler;
    private final Clock clock;
    private final DeliveryListener listener;
    private final Set<String> substitutedValues;
    private boolean started;

    /**
     * @param substitutedValues values that came from {@code ${VAR}} substitutions, masked in every
     *     handler's reasons and log lines with the secrets of its own {@code config:}
     */
    public DeliveryEngine(DeliveryListener listener, Clock clock, Scheduler scheduler,
                          Collection<String> substitutedValues) {
        this.listener = listener;
        this.clock = clock;
        this.scheduler = scheduler;
        this.substitutedValues = Set.copyOf(substitutedValues);
    }

    /**
     * Adds a handler's lane; all lanes are added before {@link #start}.
     *
     * @param plugin the plugin that provides the handler's type, named in the lane's log lines
     */
    public void addHandler(HandlerSpec spec, EventHandler handler, String plugin, ClassLoader loader,
                           List<ResolvedFilter> filters) {
        if (started) {
            throw new IllegalStateException("lanes are fixed once the engine has started");
        }
        HandlerInvoker invoker = new HandlerInvoker(handler, loader, spec.timeout(), scheduler);
        LaneSettings settings = new LaneSettings(spec.name(), spec.type(), plugin, spec.retry(),
                spec.concurrency(), spec.queueCapacity());
        Subscription subscription = new Subscription(spec.events(), spec.match());
        subscriptions.add(subscription);
        Set<String> secrets = new LinkedHashSet<>(substitutedValues);
        secrets.addAll(ConfiguredSecrets.in(spec.config().asMap()));
        lanes.add(new HandlerLane(settings, spec.timeout(), pipeline(spec, filters), invoker, scheduler, clock,
                pending, listener, SecretMasker.of(secrets)));
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

    public void start() {
        index = new SubscriptionIndex(subscriptions);
        started = true;
        lanes.forEach(HandlerLane::start);
    }

    /**
     * Hands the event to every subscribed lane, waiting for room where a lane is full.
     *
     * @return how many handlers will receive it
     */
    public int publish(WorkflowEvent event) throws InterruptedException {
        int[] matched = index.matching(event);
        for (int i : matched) {
            HandlerLane lane = lanes.get(i);
            lane.reserve();
            lane.enqueue(event);
        }
        return matched.length;
    }

    /**
     * Hands the event to every subscribed lane only if all of them have room now.
     *
     * @param accepted told of the event once room is reserved and before any lane can start on it,
     *     so that it sees the event before any delivery outcome does
     * @return how many handlers will receive it, or -1 when some lane is full (nothing was taken)
     */
    public int tryPublish(WorkflowEvent event, Consumer<WorkflowEvent> accepted) {
        int[] matched = index.matching(event);
        for (int r = 0; r < matched.length; r++) {
            if (!lanes.get(matched[r]).tryReserve()) {
                for (int u = 0; u < r; u++) {
                    lanes.get(matched[u]).unreserve();
                }
                return -1;
            }
        }
        accepted.accept(event);
        for (int i : matched) {
            lanes.get(i).enqueue(event);
        }
        return matched.length;
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
        return lanes.stream().map(HandlerLane::stats).toList();
    }

    /** @return per handler, the last few reasons deliveries failed for good */
    public Map<String, List<String>> recentFailures() {
        Map<String, List<String>> failures = new LinkedHashMap<>();
        lanes.forEach(lane -> failures.put(lane.name(), lane.recentFailures()));
        return failures;
    }

    /** Stops the lanes at once and closes every handler; pending work is not waited for. */
    @Override
    public void close() {
        lanes.forEach(HandlerLane::stop);
        scheduler.close();
        lanes.forEach(HandlerLane::closeHandler);
    }
}
