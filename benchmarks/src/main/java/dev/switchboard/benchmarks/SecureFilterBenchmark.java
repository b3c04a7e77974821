package dev.switchboard.benchmarks;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.BenchmarkEvents;
import dev.switchboard.core.testing.TestHandlerContext;
import dev.switchboard.plugins.secure.SecureFilterFactory;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost per event of {@code filters: [secure]} with its defaults, for a typical clean event and for
 * the same event with three secrets, next to two baselines on the same data:
 * {@code baselineWalk} reads every character once (the least any scanner does) and
 * {@code baselineCopy} makes the event copy ({@code withData}) that every redaction ends with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SecureFilterBenchmark {

    @Param({"clean", "three_secrets"})
    public String event;

    private EventFilter filter;
    private WorkflowEvent input;

    @Setup
    public void setUp() {
        filter = new SecureFilterFactory().create(TestHandlerContext.of("benchmark", Map.of()));
        input = "clean".equals(event) ? BenchmarkEvents.clean() : BenchmarkEvents.withThreeSecrets();
        WorkflowEvent output = filter.apply(input);
        if ("clean".equals(event) != (output == input)) {
            throw new IllegalStateException("the " + event + " event was not filtered as expected");
        }
    }

    @Benchmark
    public WorkflowEvent secureFilter() {
        return filter.apply(input);
    }

    @Benchmark
    public long baselineWalk() {
        return DataWalk.walk(input.data());
    }

    @Benchmark
    public WorkflowEvent baselineCopy() {
        return input.withData(input.data());
    }
}
