package dev.switchboard.benchmarks;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.benchmarks.support.Folders;
import dev.switchboard.benchmarks.support.SeedEvents;
import dev.switchboard.benchmarks.support.StoreFlavours;
import dev.switchboard.core.Switchboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * Events per second through the real engine ({@link Switchboard#publishAsync}: id, matching, the
 * store's accept, the lanes' workers leasing and settling in the store, redaction, the handler call,
 * outcome bookkeeping) to 1, 5 or 20 subscribed handlers that do nothing. Each invocation publishes
 * {@value #BATCH} seed events and waits until every delivery has finished, so the lanes' work is
 * counted, not just the accept. The cost per delivery is 1 / (score × handlers).
 *
 * <p>{@code store} is the runtime's store (see {@code StoreFlavours}): {@code memory}, or SQLite
 * with {@code sync: full} or {@code normal} in a fresh data folder per trial. Events are published
 * without waiting for each commit, as a feeder keeping many in flight does, so that the SQLite
 * store's group commits fill.
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

    @Param({"memory", "sqlite-full", "sqlite-normal"})
    public String store;

    private Switchboard switchboard;
    private WorkflowEvent event;
    private Path data;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        StringBuilder yaml = new StringBuilder("version: 1\n").append(StoreFlavours.section(store)).append("handlers:\n");
        for (int i = 0; i < handlers; i++) {
            yaml.append("  - name: h").append(i).append("\n    type: ").append(type)
                    .append("\n    events: [\"*\"]\n");
        }
        data = Files.createTempDirectory("dispatch-bench");
        switchboard = Switchboard.builder().configText(yaml.toString()).environment(Map.of()).dataDir(data).build();
        event = SeedEvents.seed();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        switchboard.close(Duration.ofSeconds(10));
        Folders.delete(data);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publish() throws InterruptedException {
        CompletableFuture<WorkflowEvent> last = null;
        for (int i = 0; i < BATCH; i++) {
            last = switchboard.publishAsync(event, null);
        }
        last.join(); // durable in order: the last one durable means all are (and a store failure surfaces)
        if (!switchboard.awaitIdle(Duration.ofSeconds(30))) {
            throw new IllegalStateException("deliveries unfinished after 30 s: " + switchboard.stats());
        }
    }
}
