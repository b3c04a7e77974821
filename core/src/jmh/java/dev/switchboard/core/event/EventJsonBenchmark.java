package dev.switchboard.core.event;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.BenchmarkEvents;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
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
 * The event reader's and writer's parts, all through Jackson and the JDK: {@code parseEvent} is the
 * whole {@code EventJson.parse} of one NDJSON line, {@code readData} its {@code data} through the
 * mapper, {@code timestamp} the check of its timestamp ({@code WorkflowEvent.instant()}, the
 * one definition of a valid timestamp), {@code writeBody} the webhook body as the HTTP transport
 * writes it. {@code event}: the seed's example (four data keys), or a typical event of 24 keys over
 * two levels. Run at 1af184d, beside the hand-written readers and writers they replaced:
 * benchmarks/RESULTS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventJsonBenchmark {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Param({"seed", "typical"})
    public String event;

    private String line;
    private String dataJson;
    private String timestamp;
    private Map<String, Object> body;

    @Setup
    public void setUp() throws IOException, InvalidEventException {
        WorkflowEvent source = event.equals("seed") ? BenchmarkEvents.seed() : BenchmarkEvents.clean();
        Map<String, Object> data = new LinkedHashMap<>(source.data());
        data.put("seq", 123_456);
        source = source.toBuilder().timestamp("2025-11-12T10:30:45.123456").data(data).build();
        line = EventJson.mapper().writeValueAsString(source.toSeedMap());
        dataJson = EventJson.mapper().writeValueAsString(data);
        timestamp = source.timestamp();
        body = EventJson.parse(line).toSeedMap();
        if (!EventJson.parse(line).data().equals(readData())) {
            throw new IllegalStateException("the event's parse and the data's read disagree");
        }
    }

    @Benchmark
    public WorkflowEvent parseEvent() throws InvalidEventException {
        return EventJson.parse(line);
    }

    @Benchmark
    public Map<String, Object> readData() throws IOException {
        try (JsonParser parser = EventJson.mapper().createParser(dataJson)) {
            parser.nextToken();
            return EventJson.mapper().readValue(parser, MAP);
        }
    }

    @Benchmark
    public Instant timestamp() {
        return WorkflowEvent.builder("step_complete").timestamp(timestamp).build().instant();
    }

    @Benchmark
    public byte[] writeBody() throws IOException {
        return EventJson.mapper().writeValueAsBytes(body);
    }
}
