package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.testing.BenchmarkEvents;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
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
 * The runtime's redaction with its defaults ({@code api_key}, {@code password}, {@code secret},
 * removed) of a typical event: {@code data} of 24 keys over two levels. {@code clean} has no
 * sensitive key (the common case: nothing is copied); {@code one_key} has an {@code api_key} in a
 * nested map (the event is copied without it, and {@code withData} copies it once more). The
 * baseline visits every key of the same tree once, the fastest way there is ({@code forEach}), and
 * reads its length: the floor of any check of every key.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RedactionBenchmark {

    @Param({"clean", "one_key"})
    public String event;

    private Redactor redactor;
    private WorkflowEvent input;

    @Setup
    public void setUp() {
        redactor = new Redactor(RedactSettings.DEFAULT);
        input = "one_key".equals(event) ? BenchmarkEvents.withApiKey() : BenchmarkEvents.clean();
        WorkflowEvent output = redactor.redact(input);
        if ("clean".equals(event) != (output == input)) {
            throw new IllegalStateException("the " + event + " event was not redacted as expected");
        }
    }

    @Benchmark
    public WorkflowEvent redact() {
        return redactor.redact(input);
    }

    @Benchmark
    public int baselineKeyVisit() {
        KeyVisitor visitor = new KeyVisitor();
        input.data().forEach(visitor);
        return visitor.sum;
    }

    private static final class KeyVisitor implements BiConsumer<Object, Object>, Consumer<Object> {
        int sum;

        @Override
        public void accept(Object key, Object value) {
            sum += ((String) key).length();
            accept(value);
        }

        @Override
        public void accept(Object value) {
            if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                return;
            }
            if (value instanceof Map) {
                ((Map<?, ?>) value).forEach(this);
            } else if (value instanceof List) {
                ((List<?>) value).forEach(this);
            }
        }
    }
}
