package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import dev.switchboard.core.testing.Tries;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/events} over generated and mutated bodies and content types, sent as raw bytes:
 * every answer is 202 or a 4xx with {@code {"error": ...}}, and afterwards the server is healthy
 * and still delivers a valid event.
 */
class EventIngestPropertiesTest {

    private static final String HANDLER = "fuzz-" + UUID.randomUUID();
    private static TestService service;

    private static final List<String> SEEDS = List.of(
            "{\"event_type\": \"step_complete\", \"timestamp\": \"2025-11-12T10:30:45.123456\", \"session_id\": "
                    + "\"a1b2c3d4-e5f6-7890\", \"spec_name\": \"research-workflow\", \"pattern_type\": \"chain\", "
                    + "\"data\": {\"step_index\": 1, \"response\": \"Step output...\", \"duration_seconds\": 2.5}}",
            "{\"event_type\": \"workflow_start\", \"session_id\": null}",
            "[{\"event_type\": \"hitl_pause\", \"session_id\": \"s\", \"data\": {\"prompt\": \"Approve?\"}},"
                    + " {\"event_type\": \"error\", \"data\": {\"error\": \"boom\", \"nested\": [1, [2, {\"x\": null}]]}}]",
            "{\"event_type\": \"routing_decision\", \"timestamp\": \"2025-11-12T10:30:45+02:00\", "
                    + "\"data\": {\"route\": \"b\", \"scores\": [0.1, 0.9], \"ok\": true}}");
    private static final List<String> ODD_VALUES = List.of("1e999999", "-1e999999", "123456789012345678901234567890",
            "1E-400", "-0", "0.30000000000000004", "42", "true", "null", "[]", "{}", "\"\"", "\"\\ud800\"",
            "\"\\u0000\"", "\"\u00e9\u4e2d\ud83d\ude00\"", "\"\\uDBFF\\uDFFF\"", "\"" + "z".repeat(5000) + "\"");
    private static final List<String> FIELDS = List.of("event_type", "timestamp", "session_id", "spec_name",
            "pattern_type", "data", "id", "extra");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "application/x-ndjson", "APPLICATION/JSON", ";", "", "application/json; charset=latin1", "text/plain",
            "application/json;;;", "application/json; charset=\"utf-8\"", "application/x-ndjson; charset=",
            "*/*", "application/json, application/x-ndjson", "application/\u00e9", "=;=;=");

    /** One request: its content type (null for none), its body, and how it was made. */
    record Post(String contentType, byte[] body, String kind) {
        @Override
        public String toString() {
            return kind + " [" + contentType + "] " + new String(body, 0, Math.min(body.length, 200),
                    StandardCharsets.ISO_8859_1);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        service = TestService.start("version: 1\nhandlers:\n  - {name: " + HANDLER + ", type: recording, events: [\"*\"]}\n");
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void everyAnswerIsA202OrA4xxWithTheJsonErrorShape() {
        Tries tries = Tries.of("everyAnswerIsA202OrA4xxWithTheJsonErrorShape", 700);
        tries.check(EventIngestPropertiesTest::post, post -> {
            String headers = (post.contentType() == null ? "" : "Content-Type: " + post.contentType() + "\r\n")
                    + "Content-Length: " + post.body().length + "\r\n";
            RawHttp.Answer answer = RawHttp.send(service.server.port(), "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + headers, post.body());
            tries.label("kind", post.kind());
            tries.label("status", answer.status());

            if (answer.status() == 202) {
                return;
            }
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).as(answer.headers()).startsWith(Exchange.JSON);
            JsonNode error = TestService.JSON.readTree(answer.body());
            assertThat(error.isObject() && error.path("error").isTextual()).as(answer.body()).isTrue();
        });
    }

    /** Runs after the tries, whether they passed or failed. */
    @AfterEach
    void theServerIsHealthyAndStillDeliversAValidEvent() throws Exception {
        assertThat(service.get("/healthz").statusCode()).isEqualTo(200);
        String session = "after-fuzz-" + UUID.randomUUID();
        assertThat(service.postJson("/v1/events", "{\"event_type\": \"workflow_start\", \"session_id\": \"" + session
                + "\"}").statusCode()).isEqualTo(202);
        TestService.await("the valid event was delivered", () -> RecordingHandlerFactory.of(HANDLER).events.stream()
                .anyMatch(event -> session.equals(event.sessionId())));
    }

    /** A content type (6 in 9 JSON, 2 in 9 from the list, 1 in 9 none) and a body of one of seven kinds. */
    private static Post post(Random random) {
        int weight = random.nextInt(9);
        String contentType = weight < 6 ? "application/json"
                : weight < 8 ? CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())) : null;
        String seed = SEEDS.get(random.nextInt(SEEDS.size()));
        return switch (random.nextInt(7)) {
            case 0 -> new Post(contentType, utf8(seed), "seed");
            case 1 -> new Post(contentType, flipBytes(utf8(seed), random), "bytes flipped");
            case 2 -> new Post(contentType, truncate(utf8(seed), random), "truncated");
            case 3 -> new Post(contentType, replaceValue(seed, random), "odd value");
            case 4 -> new Post(contentType, nested(1 + random.nextInt(3_000)), "nested");
            case 5 -> {
                byte[] bytes = new byte[random.nextInt(301)];
                random.nextBytes(bytes);
                yield new Post(contentType, bytes, "random bytes");
            }
            default -> new Post(contentType, oddUtf8(random), "not UTF-8");
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] flipBytes(byte[] body, Random random) {
        byte[] copy = body.clone();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] truncate(byte[] body, Random random) {
        return Arrays.copyOf(body, random.nextInt(body.length));
    }

    /** A field of the seed set to a number too large, a wrong type or odd unicode. */
    private static byte[] replaceValue(String seed, Random random) {
        String field = FIELDS.get(random.nextInt(FIELDS.size()));
        String value = ODD_VALUES.get(random.nextInt(ODD_VALUES.size()));
        String target = random.nextBoolean() ? "\"" + field + "\": " + value : "\"data\": {\"" + field + "\": " + value + "}";
        String replaced = seed.replaceFirst("\"" + field + "\": (\"[^\"]*\"|null|\\{[^}]*}|[0-9.]+)",
                java.util.regex.Matcher.quoteReplacement(target));
        return utf8(replaced.equals(seed) ? seed.replaceFirst("\\{", "{" + java.util.regex.Matcher.quoteReplacement(
                target) + ", ") : replaced);
    }

    /** Data nested {@code depth} deep, in objects or arrays. */
    private static byte[] nested(int depth) {
        boolean arrays = depth % 2 == 0;
        String open = arrays ? "[" : "{\"a\": ";
        String close = arrays ? "]" : "}";
        return utf8("{\"event_type\": \"nested\", \"data\": {\"x\": " + open.repeat(depth) + "1" + close.repeat(depth)
                + "}}");
    }

    /** A seed with bytes that are not UTF-8 (overlong, lone continuation, surrogate halves) or a BOM. */
    private static byte[] oddUtf8(Random random) {
        byte[][] odd = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {0}};
        byte[] seed = utf8(SEEDS.get(random.nextInt(SEEDS.size())));
        byte[] insert = odd[random.nextInt(odd.length)];
        int at = random.nextInt(seed.length + 1);
        byte[] body = new byte[seed.length + insert.length];
        System.arraycopy(seed, 0, body, 0, at);
        System.arraycopy(insert, 0, body, at, insert.length);
        System.arraycopy(seed, at, body, at + insert.length, seed.length - at);
        return body;
    }
}
