package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.benchmarks.support.SeedEvents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Matching one event against the subscriptions of 100 handlers, as the engine does for every event:
 * {@code events} of exact names, {@code prefix_*} globs and {@code *}, and on a third of them
 * {@code match: {spec_name: "research-*"}} (another third an exact spec that does not match, and every
 * fifth also {@code pattern_type: chain}). {@code match} is the engine's way
 * ({@link SubscriptionIndex}: one lookup of the event's type, spec and pattern, the answer for a
 * combination computed once); {@code scanEverySubscription} checks all 100 for every event, as
 * the engine did before. The baseline compares the event type with 100 exact names: the least a
 * loop over 100 handlers costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MatchingBenchmark {

    static final int HANDLERS = 100;
    private static final List<List<String>> EVENTS = List.of(
            List.of("*"),
            List.of("workflow_*", "step_complete"),
            List.of("error", "hitl_pause"),
            List.of("step_*"),
            List.of("task_*", "branch_*", "node_*"),
            List.of("workflow_complete", "hitl_pause", "error"),
            List.of("iteration_start", "routing_decision"));

    private Subscription[] subscriptions;
    private SubscriptionIndex index;
    private String[] exactNames;
    private WorkflowEvent event;

    @Setup
    public void setUp() {
        List<Subscription> all = new ArrayList<>();
        exactNames = new String[HANDLERS];
        for (int i = 0; i < HANDLERS; i++) {
            Map<String, String> match = new LinkedHashMap<>();
            if (i % 3 == 0) {
                match.put("spec_name", "research-*");
            } else if (i % 3 == 1) {
                match.put("spec_name", "spec-" + i);
            }
            if (i % 5 == 0) {
                match.put("pattern_type", "chain");
            }
            all.add(new Subscription(EVENTS.get(i % EVENTS.size()), match));
            exactNames[i] = "event_type_" + i;
        }
        subscriptions = all.toArray(Subscription[]::new);
        index = new SubscriptionIndex(all);
        event = SeedEvents.seed().toBuilder().id("0193a8f2-7c4e-7000-8000-000000000001").build();
        if (match() == 0 || match() != scanEverySubscription()) {
            throw new IllegalStateException("the index and the scan disagree, or nothing matches");
        }
    }

    @Benchmark
    public int match() {
        return index.matching(event).length;
    }

    @Benchmark
    public int scanEverySubscription() {
        int matched = 0;
        for (Subscription subscription : subscriptions) {
            if (subscription.matches(event)) {
                matched++;
            }
        }
        return matched;
    }

    @Benchmark
    public int baselineExactNames() {
        String type = event.eventType();
        int matched = 0;
        for (String name : exactNames) {
            if (name.equals(type)) {
                matched++;
            }
        }
        return matched;
    }
}
