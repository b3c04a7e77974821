package dev.switchboard.benchmarks;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.benchmarks.support.SeedEvents;
import dev.switchboard.core.Switchboard;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Events per second through the real engine ({@link Switchboard#publish}: id, matching, the lanes'
 * queues and workers, redaction, the handler call, outcome bookkeeping) to 1, 5 or 20 subscribed
 * handlers that do nothing. Each invocation publishes {@value #BATCH} seed events and waits until
 * every delivery has finished, so the lanes' work is counted, not just the enqueue.
 *
 * <p>{@code noop} is an async handler (what every HTTP plugin is); {@code noop-blocking} a plain
 * {@code EventHandler}. {@link HandOffBaseline} is the least a hand-off to another thread costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DispatchBenchmark {

    static final int BATCH = 1_000;

    @Param({"1", "5", "20"})
    public int handlers;

    @Param({"noop", "noop-blocking"})
    public String type;

    private Switchboard switchboard;
    private WorkflowEvent event;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\nhandlers:\n");
        for (int i = 0; i < handlers; i++) {
            yaml.append("  - name: h").append(i).append("\n    type: ").append(type)
                    .append("\n    events: [\"*\"]\n");
        }
        switchboard = Switchboard.builder().configText(yaml.toString()).environment(Map.of()).build();
        event = SeedEvents.seed();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        switchboard.close(Duration.ofSeconds(10));
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publish() throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            switchboard.publish(event);
        }
        if (!switchboard.awaitIdle(Duration.ofSeconds(30))) {
            throw new IllegalStateException("deliveries unfinished after 30 s: " + switchboard.stats());
        }
    }
}
