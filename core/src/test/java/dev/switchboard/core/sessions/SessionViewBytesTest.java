package dev.switchboard.core.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.delivery.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The view's byte bound, with events of a megabyte: what it counts, what it cuts, what it forgets. */
class SessionViewBytesTest {

    private static final int MB = 1 << 20;

    private static SessionView view(long maxBytes, int maxEventBytes) {
        return new SessionView(new SessionLimits(1000, Duration.ofHours(1), 200, maxBytes, maxEventBytes),
                Map.of("audit", new Subscription(List.of("*"), Map.of())), RedactSettings.DEFAULT,
                Clock.fixed(Instant.parse("2025-11-12T10:00:00Z"), ZoneOffset.UTC));
    }

    private static WorkflowEvent event(String session, Map<String, Object> data) {
        return WorkflowEvent.builder("step_complete").id(UUID.randomUUID().toString()).sessionId(session).data(data)
                .build();
    }

    private static WorkflowEvent large(String session, int bytes) {
        return event(session, Map.of("response", "x".repeat(bytes)));
    }

    /** The characters of the kept events' data strings, summed over every session the view shows. */
    private static long keptCharacters(SessionView view) {
        return view.list(0, 1000, null, null).items().stream()
                .flatMap(summary -> view.find(summary.sessionId()).orElseThrow().events().stream())
                .flatMap(record -> record.event().data().values().stream())
                .mapToLong(value -> value instanceof String text ? text.length() : 0)
                .sum();
    }

    @Test
    void dataBeyondMaxEventBytesKeepsTheMembersThatFitAndIsMarkedTruncated() {
        SessionView view = view(64L * MB, 1024);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step_index", 3);
        data.put("response", "x".repeat(MB));
        data.put("duration_seconds", 2.5);

        view.record(event("s", data));

        EventRecord record = view.find("s").orElseThrow().events().get(0);
        assertThat(record.truncation()).isEqualTo(new DataTruncation(KeptData.size(data), 1));
        assertThat(record.truncation().originalBytes()).as("two bytes a character").isGreaterThan(2L * MB);
        assertThat(record.event().data()).isEqualTo(Map.of("step_index", 3, "duration_seconds", 2.5));
        assertThat(KeptData.size(record.event().data())).isLessThanOrEqualTo(1024);
    }

    @Test
    void dataWithinMaxEventBytesIsKeptWholeAndNotMarked() {
        SessionView view = view(64L * MB, 1024);

        view.record(event("s", Map.of("response", "y".repeat(400))));

        EventRecord record = view.find("s").orElseThrow().events().get(0);
        assertThat(record.truncation()).isNull();
        assertThat(record.event().data()).isEqualTo(Map.of("response", "y".repeat(400)));
    }

    @Test
    void megabyteEventsOverTwentySessionsStayWithinMaxBytesCountingTheirRealData() {
        long maxBytes = 16L * MB;
        SessionView view = view(maxBytes, 4 * MB);

        for (int i = 0; i < 100; i++) {
            view.record(large("session-" + (i % 20), MB));
            assertThat(view.bytes()).isLessThanOrEqualTo(maxBytes);
        }

        long characters = keptCharacters(view);
        assertThat(characters).as("the bound is spent on data, not lost to estimates").isGreaterThan(6L * MB);
        assertThat(view.bytes()).as("every kept character is counted at two bytes")
                .isGreaterThanOrEqualTo(2 * characters).isLessThan(2 * characters + 64 * 1024);
    }

    @Test
    void anEventWithNothingToCutIsKeptWithoutACopy() {
        long maxBytes = 16L * MB;
        SessionView view = view(maxBytes, 4 * MB);
        WorkflowEvent event = large("same", MB);

        view.record(event);

        assertThat(view.find("same").orElseThrow().events().get(0).event()).as("kept without copying").isSameAs(event);
    }

    @Test
    void theLeastRecentlyUpdatedSessionsAreForgottenFirstWhenOverTheBound() {
        SessionView view = view(7L * MB, 3 * MB);
        view.record(large("a", MB));
        view.record(large("b", MB));
        view.record(large("c", MB));
        view.record(event("a", Map.of("step", 2)));

        view.record(large("d", MB));

        assertThat(view.summary("b")).as("least recently updated").isEmpty();
        assertThat(view.summary("a")).isPresent();
        assertThat(view.summary("c")).isPresent();
        assertThat(view.summary("d")).isPresent();
        assertThat(view.bytes()).isLessThanOrEqualTo(7L * MB);
    }

    @Test
    void aSessionAloneOverTheBoundKeepsItsNewestEvents() {
        SessionView view = view(5L * MB, 3 * MB);

        for (int i = 0; i < 10; i++) {
            view.record(event("only", Map.of("index", i, "response", "z".repeat(MB))));
        }

        SessionDetail detail = view.find("only").orElseThrow();
        assertThat(detail.summary().eventCount()).isEqualTo(10);
        assertThat(detail.events()).extracting(record -> record.event().data().get("index")).containsExactly(8, 9);
        assertThat(view.bytes()).isLessThanOrEqualTo(5L * MB);
    }

    @Test
    void deletingAndForgettingGiveTheBytesBack() {
        SessionView view = view(8L * MB, 3 * MB);
        view.record(large("a", MB));
        view.record(large("b", MB));
        view.failed("audit", view.find("a").orElseThrow().events().get(0).event(), 1, "r".repeat(10_000));

        view.delete("a");
        view.delete("b");

        assertThat(view.size()).isZero();
        assertThat(view.bytes()).isZero();
    }

    @Test
    void whatTheViewRetainsOnTheHeapStaysNearItsBoundWhile64MegabytesOfEventsPass() {
        long maxBytes = 8L * MB;
        SessionView view = view(maxBytes, 4 * MB);
        long before = heapUsedAfterGc();

        for (int i = 0; i < 64; i++) {
            view.record(large("session-" + (i % 20), MB));
        }
        long retained = heapUsedAfterGc() - before;

        assertThat(view.size()).isPositive();
        assertThat(retained).as("retained heap, against 64 MB posted").isLessThan(2 * maxBytes);
    }

    private static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
