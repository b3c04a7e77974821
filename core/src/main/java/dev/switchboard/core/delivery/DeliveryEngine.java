package dev.switchboard.core.delivery;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.config.HandlerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

/**
 * Matches accepted events to handlers and runs each handler's lane. Where a retry happens, where
 * redaction happens and in which order the middleware runs can all be read in
 * {@link #pipeline}.
 */
public final class DeliveryEngine implements AutoCloseable {

    private final List<HandlerLane> lanes = new ArrayList<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private SubscriptionIndex index;
    private final PendingDeliveries pending = new PendingDeliveries();
    private final ScheduledExecutorService timer;
    private final DeliveryListener listener;
    private boolean started;

    public DeliveryEngine(DeliveryListener listener) {
        this.listener = listener;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "switchboard-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** Adds a handler's lane; all lanes are added before {@link #start}. */
    public void addHandler(HandlerSpec spec, EventHandler handler, ClassLoader loader, List<ResolvedFilter> filters) {
        if (started) {
            throw new IllegalStateException("lanes are fixed once the engine has started");
        }
        HandlerInvoker invoker = new HandlerInvoker(handler, loader, spec.timeout(), timer);
        LaneSettings settings = new LaneSettings(spec.name(), spec.type(), spec.retry(), spec.concurrency(),
                spec.queueCapacity());
        Subscription subscription = new Subscription(spec.events(), spec.match());
        subscriptions.add(subscription);
        lanes.add(new HandlerLane(settings, pipeline(spec, filters), invoker, timer, pending, listener));
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
        timer.shutdownNow();
        lanes.forEach(HandlerLane::closeHandler);
    }
}
