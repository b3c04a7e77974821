package com.example.filehandler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.ConfigException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.testkit.TestHandlerContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FileHandlerFactory factory = new FileHandlerFactory();

    private EventHandler handler(Path file) {
        return factory.create(TestHandlerContext.of(Map.of("path", file.toString())));
    }

    @Test
    void isFoundByServiceLoaderAsTypeFile() {
        // The runtime on the test class path (through the test kit) brings its built-in types too.
        List<String> types = ServiceLoader.load(HandlerFactory.class).stream()
                .filter(provider -> provider.type().getPackageName().equals("com.example.filehandler"))
                .map(provider -> provider.get().type()).toList();

        assertEquals(List.of("file"), types);
    }

    @Test
    void writesAnEventAsOneJsonLineWithItsIdAndTheSeedsKeys() throws Exception {
        Path file = dir.resolve("events.ndjson");

        try (EventHandler handler = handler(file)) {
            handler.handle(WorkflowEvent.builder("step_complete").id("evt-1")
                    .timestamp("2025-11-12T10:30:45.123456").sessionId("a1b2c3d4-e5f6-7890")
                    .specName("research-workflow").patternType("chain")
                    .data(Map.of("step_index", 1)).build());
            handler.handle(WorkflowEvent.builder("error").id("evt-2")
                    .timestamp("2025-11-12T10:31:00Z").data(Map.of("error", "line 1\nline 2"))
                    .build());
        }

        assertEquals("""
                {"id":"evt-1","event_type":"step_complete","timestamp":"2025-11-12T10:30:45.123456",\
                "session_id":"a1b2c3d4-e5f6-7890","spec_name":"research-workflow",\
                "pattern_type":"chain","data":{"step_index":1}}
                {"id":"evt-2","event_type":"error","timestamp":"2025-11-12T10:31:00Z",\
                "session_id":null,"spec_name":null,"pattern_type":null,\
                "data":{"error":"line 1\\nline 2"}}
                """, Files.readString(file));
    }

    @Test
    void createsMissingParentDirectoriesOnTheFirstEvent() throws Exception {
        Path file = dir.resolve("logs/switchboard/events.ndjson");

        try (EventHandler handler = handler(file)) {
            handler.handle(WorkflowEvent.builder("workflow_start").id("evt-1").build());
        }

        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void appendsToAnExistingFileInsteadOfReplacingIt() throws Exception {
        Path file = dir.resolve("events.ndjson");
        Files.writeString(file, "{\"id\":\"earlier\"}\n");

        try (EventHandler handler = handler(file)) {
            handler.handle(WorkflowEvent.builder("workflow_start").id("later").build());
        }

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size());
        assertEquals("later", JSON.readTree(lines.get(1)).get("id").asText());
    }

    @Test
    void keepsEveryLineWholeWhenManyThreadsWriteAtOnce() throws Exception {
        Path file = dir.resolve("events.ndjson");
        int threads = 8;
        int perThread = 250;
        String bulky = "x".repeat(4096);   // several writes' worth if lines were not atomic
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try (EventHandler handler = handler(file)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        handler.handle(WorkflowEvent.builder("step_complete")
                                .id(thread + "-" + i)
                                .data(Map.of("step_index", i, "response", bulky)).build());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(threads * perThread, lines.size());
        Set<String> ids = new HashSet<>();
        for (String line : lines) {
            JsonNode event = JSON.readTree(line);   // throws if two lines interleaved
            assertEquals(bulky, event.get("data").get("response").asText());
            ids.add(event.get("id").asText());
        }
        assertEquals(threads * perThread, ids.size());
    }

    @Test
    void writesNothingUntilTheFirstEventSoValidatingLeavesNoFile() throws Exception {
        Path file = dir.resolve("never/events.ndjson");

        handler(file).close();

        assertFalse(Files.exists(file.getParent()));
    }

    @Test
    void refusesEventsAfterItWasClosed() throws Exception {
        EventHandler handler = handler(dir.resolve("events.ndjson"));
        handler.close();

        assertThrows(IllegalStateException.class,
                () -> handler.handle(WorkflowEvent.builder("error").build()));
    }

    @Test
    void requiresAPath() {
        ConfigException missing = assertThrows(ConfigException.class,
                () -> factory.create(TestHandlerContext.of(Map.of())));
        ConfigException empty = assertThrows(ConfigException.class,
                () -> factory.create(TestHandlerContext.of(Map.of("path", " "))));

        assertEquals("path", missing.key());
        assertEquals("path", empty.key());
    }

    @Test
    void rejectsAPathThatIsADirectory() {
        ConfigException problem = assertThrows(ConfigException.class,
                () -> factory.create(TestHandlerContext.of(Map.of("path", dir.toString()))));

        assertEquals("path", problem.key());
        assertTrue(problem.getMessage().contains("directory"), problem.getMessage());
    }
}
