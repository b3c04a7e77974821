package dev.switchboard.benchmarks;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.benchmarks.support.SeedEvents;
import dev.switchboard.core.event.EventJson;
import java.io.IOException;
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
 * JSON serialisation of the seed payload: {@code webhookBody} is what the webhook plugin's request
 * costs (its {@code toSeedMap()} written to bytes by the runtime's mapper, as the HTTP transport
 * does), {@code eventJsonWrite} the runtime's {@code EventJson.write} (text). The baseline writes
 * the same fields with Jackson's streaming generator, no maps and no data binding.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JsonBenchmark {

    private WorkflowEvent event;

    @Setup
    public void setUp() {
        event = SeedEvents.seed();
    }

    @Benchmark
    public byte[] webhookBody() throws IOException {
        return EventJson.mapper().writeValueAsBytes(event.toSeedMap());
    }

    @Benchmark
    public String eventJsonWrite() {
        return EventJson.write(event);
    }

    @Benchmark
    public byte[] baselineStreaming() throws IOException {
        ByteArrayBuilder bytes = new ByteArrayBuilder(256);
        try (JsonGenerator out = EventJson.mapper().getFactory().createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("event_type", event.eventType());
            out.writeStringField("timestamp", event.timestamp());
            out.writeStringField("session_id", event.sessionId());
            out.writeStringField("spec_name", event.specName());
            out.writeStringField("pattern_type", event.patternType());
            out.writeObjectFieldStart("data");
            for (Map.Entry<String, Object> entry : event.data().entrySet()) {
                out.writeFieldName(entry.getKey());
                Object value = entry.getValue();
                if (value instanceof Integer) {
                    out.writeNumber((Integer) value);
                } else if (value instanceof Double) {
                    out.writeNumber((Double) value);
                } else {
                    out.writeString(String.valueOf(value));
                }
            }
            out.writeEndObject();
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }
}
