package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import java.util.LinkedHashMap;
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
        input = TypicalEvent.create("one_key".equals(event));
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

    /** A {@code step_complete} with 24 keys over two levels, optionally one {@code api_key}. */
    static final class TypicalEvent {
        private TypicalEvent() {
        }

        static WorkflowEvent create(boolean withApiKey) {
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("input_tokens", 1842);
            usage.put("output_tokens", 412);
            usage.put("total_tokens", 2254);
            usage.put("cost_usd", 0.0123);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("region", "eu-west-1");
            metadata.put("agent", "researcher");
            metadata.put("attempt", 1);
            metadata.put("commit", "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
            metadata.put("version", "2.14.3");
            metadata.put("trace_id", "0af7651916cd43dd8448eb211c80319c");
            metadata.put(withApiKey ? "api_key" : "host", withApiKey ? "sk-live-1234567890" : "worker-7d9f8b6c5-x2x4q");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("step_index", 3);
            data.put("step_name", "summarize");
            data.put("status", "ok");
            data.put("duration_seconds", 2.5);
            data.put("started_at", "2025-11-12T10:30:42.623456Z");
            data.put("finished_at", "2025-11-12T10:30:45.123456Z");
            data.put("session_id", "a1b2c3d4-e5f6-7890-abcd-ef1234567890");
            data.put("model", "claude-3-5-sonnet");
            data.put("response", "Solar capacity in Southeast Asia grew 24% in 2023.");
            data.put("prompt", "Summarise the research notes of step 2.");
            data.put("usage", usage);
            data.put("sources", List.of("https://www.iea.org/reports/renewables-2023"));
            data.put("metadata", metadata);
            return WorkflowEvent.builder("step_complete").specName("research-workflow").patternType("chain")
                    .sessionId("a1b2c3d4-e5f6-7890").data(data).build().withId("0193a8f2-7c4e-7000-8000-000000000001");
        }
    }
}
