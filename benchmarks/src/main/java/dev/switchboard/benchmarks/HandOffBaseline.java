package dev.switchboard.benchmarks;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.benchmarks.support.SeedEvents;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The baseline of {@link DispatchBenchmark}: the same batches of events handed to one consumer
 * thread through a {@link LinkedBlockingQueue}, waiting until the consumer has taken them all: the
 * least any runtime that runs handlers on threads of their own pays per event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HandOffBaseline {

    private final BlockingQueue<WorkflowEvent> queue = new LinkedBlockingQueue<>(10_000);
    private final AtomicLong taken = new AtomicLong();
    private final Object idle = new Object();
    private Thread consumer;
    private WorkflowEvent event;
    private long published;

    @Setup(Level.Trial)
    public void setUp() {
        event = SeedEvents.seed();
        consumer = new Thread(() -> {
            try {
                while (true) {
                    queue.take();
                    if (taken.incrementAndGet() % DispatchBenchmark.BATCH == 0) {
                        synchronized (idle) {
                            idle.notifyAll();
                        }
                    }
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }, "baseline-consumer");
        consumer.setDaemon(true);
        consumer.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        consumer.interrupt();
    }

    @Benchmark
    @OperationsPerInvocation(DispatchBenchmark.BATCH)
    public void handOff() throws InterruptedException {
        for (int i = 0; i < DispatchBenchmark.BATCH; i++) {
            queue.put(event);
        }
        published += DispatchBenchmark.BATCH;
        synchronized (idle) {
            while (taken.get() < published) {
                idle.wait(10);
            }
        }
    }
}
