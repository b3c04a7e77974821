package dev.switchboard.benchmarks.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.BenchmarkEvents;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The seed's example payload ({@code step_complete} of {@code research-workflow}, data
 * {@code step_index}, {@code response}, {@code duration_seconds}), plus {@code data.seq} so that a
 * receiver can tell every event apart and count each exactly once.
 */
public final class SeedEvents {

    public static final String SPEC = "research-workflow";
    public static final String WARMUP_SPEC = "warmup";
    public static final String TIMESTAMP = "2025-11-12T10:30:45.123456";
    public static final String SESSION = "a1b2c3d4-e5f6-7890";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SeedEvents() {
    }

    /** @return the seed's example event, exactly as in the design (no seq) */
    public static WorkflowEvent seed() {
        return BenchmarkEvents.seed();
    }

    /** @return event {@code seq} of a run, in the seed's JSON shape, one line without a newline */
    public static String line(String specName, int seq) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step_index", seq % 10 + 1);
        data.put("response", "Step output...");
        data.put("duration_seconds", 2.5);
        data.put("seq", seq);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_type", "step_complete");
        event.put("timestamp", TIMESTAMP);
        event.put("session_id", SESSION);
        event.put("spec_name", specName);
        event.put("pattern_type", "chain");
        event.put("data", data);
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes events first .. first+count-1 of a spec as NDJSON. */
    public static Path writeNdjson(Path file, String specName, int first, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int seq = first; seq < first + count; seq++) {
                out.write(line(specName, seq));
                out.write('\n');
            }
        }
        return file;
    }
}
