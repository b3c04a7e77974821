package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.sessions.DeliveryState;
import dev.switchboard.core.sessions.DeliveryState.State;
import dev.switchboard.core.sessions.EventRecord;
import dev.switchboard.core.sessions.SessionDetail;
import dev.switchboard.core.sessions.SessionLimits;
import dev.switchboard.core.sessions.SessionStatus;
import dev.switchboard.core.sessions.SessionSummary;
import dev.switchboard.core.sessions.Sessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sessions view read from a real SQLite file, on a manual clock. */
class SqliteSessionsTest {

    private static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    private static final Duration LONG = Duration.ofSeconds(5);
    private static final SessionLimits LIMITS = new SessionLimits(100, Duration.ofHours(24), 200);

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock(START);
    private final AtomicInteger ids = new AtomicInteger();
    private SqliteStore store;
    private Sessions sessions;

    private Path file() {
        return dir.resolve("switchboard.db");
    }

    private void open(SessionLimits limits) {
        open(SqliteStore.at(file()), limits);
    }

    private void open(SqliteStore.Builder builder, SessionLimits limits) {
        store = builder.sync(SqliteStore.Sync.NORMAL).clock(clock).open();
        sessions = store.sessions(limits, RedactSettings.DEFAULT);
    }

    private void reopen() {
        store.close();
        open(LIMITS);
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private WorkflowEvent event(String session, String type) {
        return event(session, type, Map.of("seq", ids.get() + 1));
    }

    private WorkflowEvent event(String session, String type, Map<String, Object> data) {
        return WorkflowEvent.builder(type).id("event-" + ids.incrementAndGet()).timestamp("2025-11-12T10:30:45.123456")
                .sessionId(session).specName("research").patternType("chain").data(data).build();
    }

    private WorkflowEvent accept(WorkflowEvent event, String... handlers) throws Exception {
        store.accept(event, List.of(handlers));
        return event;
    }

    private WorkflowEvent accept(String session, String type, String... handlers) throws Exception {
        return accept(event(session, type), handlers);
    }

    private SessionDetail detail(String session) {
        return sessions.find(session).orElseThrow(() -> new AssertionError("no session " + session));
    }

    private static List<String> eventIds(SessionDetail detail) {
        return detail.events().stream().map(record -> record.event().id()).toList();
    }

    private List<String> listed() {
        return sessions.list(0, 1000, null, null).items().stream().map(SessionSummary::sessionId).toList();
    }

    @Test
    void aSessionsFieldsEventsAndDeliveryStatesAreReadFromTheStore() throws Exception {
        open(LIMITS);
        WorkflowEvent start = accept("s1", "workflow_start", "audit", "slack");
        clock.advance(Duration.ofSeconds(1));
        WorkflowEvent step = accept("s1", "step_complete", "audit");
        clock.advance(Duration.ofSeconds(1));
        WorkflowEvent pause = accept("s1", "hitl_pause", "audit");
        HandlerQueue audit = store.queue("audit");
        HandlerQueue slack = store.queue("slack");
        audit.delivered(audit.poll(LONG));
        audit.retryAt(audit.poll(LONG), START.plusSeconds(30), "HTTP 503");
        audit.poll(LONG);
        slack.deadLetter(slack.poll(LONG), "HTTP 404");
        store.checkWritable();

        SessionDetail detail = detail("s1");

        Instant last = START.plusSeconds(2);
        assertThat(detail.summary()).isEqualTo(new SessionSummary("s1", "research", "chain", SessionStatus.PAUSED,
                START, last, 3));
        assertThat(eventIds(detail)).containsExactly(start.id(), step.id(), pause.id());
        EventRecord first = detail.events().get(0);
        assertThat(first.event()).isEqualTo(start);
        assertThat(first.receivedAt()).isEqualTo(START);
        assertThat(first.truncation()).isNull();
        assertThat(first.deliveries().keySet()).containsExactly("audit", "slack");
        assertThat(first.deliveries().get("audit")).isEqualTo(new DeliveryState(State.DELIVERED, 1, null, null, last));
        assertThat(first.deliveries().get("slack")).isEqualTo(new DeliveryState(State.FAILED, 1, null, "HTTP 404", last));
        assertThat(detail.events().get(1).deliveries().get("audit")).isEqualTo(
                new DeliveryState(State.RETRY_SCHEDULED, 1, START.plusSeconds(30), "HTTP 503", last));
        assertThat(detail.events().get(2).deliveries().get("audit")).as("in flight: pending, no attempt counted yet")
                .isEqualTo(new DeliveryState(State.PENDING, 0, null, null, last));
        assertThat(sessions.summary("s1")).contains(detail.summary());
    }

    @Test
    void aPendingDeliveryAndARetryInFlightArePendingWithTheirAttempts() throws Exception {
        open(LIMITS);
        accept("s1", "workflow_start", "audit");
        accept("s1", "step_start", "audit");
        HandlerQueue audit = store.queue("audit");
        StoredDelivery retried = audit.poll(LONG);
        audit.retryAt(retried, START.plusSeconds(1), "timeout");
        clock.advance(Duration.ofSeconds(2));
        StoredDelivery second = audit.poll(LONG);
        StoredDelivery third = audit.poll(LONG);
        assertThat(List.of(second.id(), third.id())).contains(retried.id());
        store.checkWritable();

        Map<String, DeliveryState> states = new LinkedHashMap<>();
        for (EventRecord record : detail("s1").events()) {
            states.put(record.event().eventType(), record.deliveries().get("audit"));
        }

        assertThat(states.get("workflow_start")).isEqualTo(new DeliveryState(State.PENDING, 1, null, "timeout",
                START.plusSeconds(2)));
        assertThat(states.get("step_start")).isEqualTo(new DeliveryState(State.PENDING, 0, null, null,
                START.plusSeconds(2)));
    }

    @Test
    void theViewIsTheSameAfterTheStoreIsClosedAndOpenedAgain() throws Exception {
        open(LIMITS);
        accept("s1", "workflow_start", "audit");
        accept("s1", "hitl_pause", "audit");
        accept("s2", "workflow_start");
        HandlerQueue audit = store.queue("audit");
        audit.delivered(audit.poll(LONG));
        audit.retryAt(audit.poll(LONG), START.plusSeconds(30), "HTTP 503");
        SessionDetail before = detail("s1");
        List<String> listedBefore = listed();

        reopen();

        assertThat(detail("s1")).isEqualTo(before);
        assertThat(detail("s1").events().get(1).deliveries().get("audit").state()).isEqualTo(State.RETRY_SCHEDULED);
        assertThat(listed()).isEqualTo(listedBefore).containsExactly("s2", "s1");
        clock.advance(Duration.ofSeconds(30));
        audit = store.queue("audit");
        audit.delivered(audit.poll(LONG));
        assertThat(detail("s1").events().get(1).deliveries().get("audit"))
                .isEqualTo(new DeliveryState(State.DELIVERED, 2, null, null, START.plusSeconds(30)));
    }

    @Test
    void theStatusFollowsTheEventsAndTheFirstSpecAndPatternStay() throws Exception {
        open(LIMITS);
        accept(WorkflowEvent.builder("step_start").id("first").sessionId("s1").build());
        assertThat(sessions.summary("s1").orElseThrow().status()).as("first seen through another type")
                .isEqualTo(SessionStatus.RUNNING);
        assertThat(sessions.summary("s1").orElseThrow().specName()).isNull();
        List<String> types = List.of("hitl_pause", "step_complete", "hitl_resume", "hitl_pause", "workflow_start",
                "workflow_complete", "node_start", "error", "iteration_start");
        List<SessionStatus> seen = new ArrayList<>();
        for (String type : types) {
            accept("s1", type);
            seen.add(sessions.summary("s1").orElseThrow().status());
        }

        assertThat(seen).containsExactly(SessionStatus.PAUSED, SessionStatus.PAUSED, SessionStatus.RUNNING,
                SessionStatus.PAUSED, SessionStatus.RUNNING, SessionStatus.COMPLETED, SessionStatus.COMPLETED,
                SessionStatus.FAILED, SessionStatus.FAILED);
        accept(WorkflowEvent.builder("step_start").id("late").sessionId("s1").specName("other").patternType("graph")
                .build());
        SessionSummary summary = sessions.summary("s1").orElseThrow();
        assertThat(summary.specName()).as("the first spec name seen").isEqualTo("research");
        assertThat(summary.patternType()).isEqualTo("chain");
        assertThat(summary.eventCount()).isEqualTo(types.size() + 2);
    }

    @Test
    void anEventAcceptedAgainCountsOnceAndEventsWithoutASessionBelongToNone() throws Exception {
        open(LIMITS);
        WorkflowEvent event = accept("s1", "workflow_start", "audit");
        accept(event, "audit");
        accept(WorkflowEvent.builder("workflow_start").id("no-session").specName("research").build(), "audit");

        assertThat(detail("s1").summary().eventCount()).isEqualTo(1);
        assertThat(eventIds(detail("s1"))).containsExactly(event.id());
        assertThat(listed()).containsExactly("s1");
    }

    @Test
    void dataIsRedactedAndCutOnReadWhileTheStoredBodyStaysAsAccepted() throws Exception {
        open(new SessionLimits(100, Duration.ofHours(24), 200, 1L << 20, 1024));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("step_index", 1);
        data.put("password", "hunter2");
        data.put("step", Map.of("api_key", "k-123", "model", "m1"));
        data.put("response", "x".repeat(5_000));
        WorkflowEvent event = accept(event("s1", "step_complete", data), "audit");

        EventRecord record = detail("s1").events().get(0);

        assertThat(record.event().data()).isEqualTo(Map.of("step_index", 1, "step", Map.of("model", "m1")));
        assertThat(record.truncation()).isNotNull();
        assertThat(record.truncation().droppedKeys()).isEqualTo(1);
        assertThat(record.truncation().originalBytes()).isGreaterThan(10_000);
        assertThat(record.event().id()).isEqualTo(event.id());
        assertThat(store.queue("audit").poll(LONG).event()).as("handlers get the whole event").isEqualTo(event);
        try (Connection connection = SqliteFiles.connect(file(), SqliteStore.Sync.NORMAL);
                Statement sql = connection.createStatement();
                var row = sql.executeQuery("SELECT body FROM events WHERE id = '" + event.id() + "'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo(EventJson.write(event));
        }
    }

    @Test
    void dataWithinTheBoundIsShownWholeWithNoTruncationMark() throws Exception {
        open(new SessionLimits(100, Duration.ofHours(24), 200, 1L << 20, 1024));
        accept("s1", "step_complete");

        EventRecord record = detail("s1").events().get(0);

        assertThat(record.truncation()).isNull();
        assertThat(record.event().data()).isEqualTo(Map.of("seq", 1));
    }

    @Test
    void atMostMaxCountSessionsAreShownTheMostRecentlyUpdatedAndPruneRemovesTheRest() throws Exception {
        open(new SessionLimits(2, Duration.ofHours(24), 200));
        for (String session : List.of("a", "b", "c")) {
            accept(session, "workflow_start");
            clock.advance(Duration.ofSeconds(1));
        }
        accept("a", "step_start");

        assertThat(listed()).as("newest first, of the 2 most recently updated").containsExactly("c", "a");
        assertThat(sessions.list(0, 10, null, null).total()).isEqualTo(2);
        assertThat(sessions.find("b")).isEmpty();
        assertThat(sessions.summary("b")).isEmpty();
        assertThat(sessions.delete("b")).as("not shown, so not known").isFalse();
        assertThat(SqliteStoreTest.query(file(), "SELECT count(*) FROM sessions")).isEqualTo(3);

        assertThat(store.prune()).isEqualTo(1);

        assertThat(SqliteStoreTest.query(file(), "SELECT count(*) FROM sessions")).isEqualTo(2);
        assertThat(listed()).containsExactly("c", "a");
        assertThat(store.prune()).isZero();
    }

    @Test
    void aSessionNotUpdatedForMaxAgeIsNeitherShownNorKept() throws Exception {
        open(SqliteStore.at(file()).pruneBatch(1), new SessionLimits(100, Duration.ofMinutes(30), 200));
        accept("old-1", "workflow_start");
        accept("old-2", "workflow_start");
        clock.advance(Duration.ofMinutes(20));
        accept("recent", "workflow_start");
        accept("old-1", "step_start");
        clock.advance(Duration.ofMinutes(10));

        assertThat(listed()).as("updated exactly max_age ago").containsExactly("recent", "old-2", "old-1");
        clock.advance(Duration.ofMillis(1));
        assertThat(listed()).containsExactly("recent", "old-1");
        assertThat(sessions.find("old-2")).isEmpty();

        assertThat(store.prune()).as("one session a batch").isEqualTo(1);
        assertThat(store.prune()).isZero();
        clock.advance(Duration.ofMinutes(20));
        assertThat(listed()).isEmpty();
        assertThat(sessions.find("recent")).isEmpty();
        assertThat(store.prune()).isEqualTo(1);
        assertThat(store.prune()).isEqualTo(1);
        assertThat(SqliteStoreTest.query(file(), "SELECT count(*) FROM sessions")).isZero();
    }

    @Test
    void aSessionShowsItsLastMaxEventsEventsAndCountsAll() throws Exception {
        open(new SessionLimits(100, Duration.ofHours(24), 3));
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            accepted.add(accept("s1", "step_complete", "audit").id());
            accept("other", "step_complete", "audit");
        }

        SessionDetail detail = detail("s1");

        assertThat(eventIds(detail)).containsExactlyElementsOf(accepted.subList(2, 5));
        assertThat(detail.summary().eventCount()).isEqualTo(5);
        assertThat(detail.events()).allSatisfy(record -> assertThat(record.deliveries()).containsOnlyKeys("audit"));
    }

    @Test
    void deleteForgetsTheSessionAndAnEventOfTheSameIdStartsAFreshOne() throws Exception {
        open(LIMITS);
        WorkflowEvent old = accept("s1", "hitl_pause", "audit");
        accept("s2", "workflow_start");

        assertThat(sessions.delete("s1")).isTrue();

        assertThat(sessions.find("s1")).isEmpty();
        assertThat(listed()).containsExactly("s2");
        assertThat(sessions.delete("s1")).isFalse();
        assertThat(sessions.delete("never-seen")).isFalse();
        assertThat(store.queue("audit").poll(LONG).event()).as("its deliveries go on").isEqualTo(old);

        clock.advance(Duration.ofSeconds(5));
        WorkflowEvent fresh = accept("s1", "step_start");

        SessionDetail detail = detail("s1");
        assertThat(eventIds(detail)).as("not the events of the deleted session").containsExactly(fresh.id());
        assertThat(detail.summary()).isEqualTo(new SessionSummary("s1", "research", "chain", SessionStatus.RUNNING,
                START.plusSeconds(5), START.plusSeconds(5), 1));
        assertThat(listed()).as("created after s2").containsExactly("s1", "s2");
        reopen();
        assertThat(eventIds(detail("s1"))).containsExactly(fresh.id());
    }

    @Test
    void listingFiltersByStatusAndSpecAndPagesNewestFirst() throws Exception {
        open(LIMITS);
        for (int i = 0; i < 5; i++) {
            accept(WorkflowEvent.builder(i % 2 == 0 ? "workflow_start" : "hitl_pause").id("e" + i).sessionId("s" + i)
                    .specName(i < 4 ? "research" : "other").build());
        }

        assertThat(listed()).containsExactly("s4", "s3", "s2", "s1", "s0");
        var paused = sessions.list(0, 10, SessionStatus.PAUSED, null);
        assertThat(paused.items()).extracting(SessionSummary::sessionId).containsExactly("s3", "s1");
        assertThat(paused.total()).isEqualTo(2);
        var research = sessions.list(1, 2, SessionStatus.RUNNING, "research");
        assertThat(research.items()).extracting(SessionSummary::sessionId).containsExactly("s0");
        assertThat(research.total()).isEqualTo(2);
        assertThat(research.offset()).isEqualTo(1);
        assertThat(research.limit()).isEqualTo(2);
        var past = sessions.list(10, 5, null, null);
        assertThat(past.items()).isEmpty();
        assertThat(past.total()).isEqualTo(5);
        assertThat(sessions.list(0, 10, null, "nobody").total()).isZero();
    }

    @Test
    void eventsPrunedByTheStoresRetentionLeaveTheSessionAndItsLaterEventsShown() throws Exception {
        open(SqliteStore.at(file()).retention(Duration.ofDays(1)), new SessionLimits(100, Duration.ofDays(30), 200));
        accept("s0", "workflow_start");
        accept("s1", "workflow_start", "audit");
        store.queue("audit").delivered(store.queue("audit").poll(LONG));
        clock.advance(Duration.ofDays(2));
        while (store.prune() > 0) {
            // every batch
        }
        assertThat(SqliteStoreTest.query(file(), "SELECT count(*) FROM events"))
                .as("only the newest event, so that rowids keep growing").isEqualTo(1);

        WorkflowEvent later = accept("s1", "step_start");
        accept("s2", "workflow_start");

        assertThat(eventIds(detail("s1"))).endsWith(later.id());
        assertThat(detail("s1").summary().eventCount()).isEqualTo(2);
        assertThat(detail("s0").events()).isEmpty();
        assertThat(listed()).containsExactly("s2", "s1", "s0");
    }

    @Test
    void aDatabaseOfTheFirstSchemaGetsItsEventsFieldsAndNoSessionFromThem() throws Exception {
        Files.createDirectories(dir);
        WorkflowEvent before = event("s1", "hitl_pause");
        try (Connection connection = SqliteFiles.connect(file(), SqliteStore.Sync.FULL);
                Statement sql = connection.createStatement()) {
            SqliteSchema.migrate(connection, file(), 1);
            sql.executeUpdate("INSERT INTO events (id, body, accepted_at) VALUES ('" + before.id() + "', '"
                    + EventJson.write(before).replace("'", "''") + "', " + START.toEpochMilli() + ")");
            sql.executeUpdate("INSERT INTO deliveries (event_id, handler, state, attempts, due_at, updated_at) VALUES ('"
                    + before.id() + "', 'audit', 'pending', 0, " + START.toEpochMilli() + ", " + START.toEpochMilli() + ")");
            connection.commit();
        }

        open(LIMITS);

        assertThat(SqliteStoreTest.query(file(), "SELECT max(version) FROM schema_version")).isEqualTo(SqliteSchema.latest());
        assertThat(SqliteStoreTest.query(file(), "SELECT count(*) FROM events WHERE session_id = 's1'"
                + " AND event_type = 'hitl_pause' AND spec_name = 'research' AND pattern_type = 'chain'")).isEqualTo(1);
        assertThat(listed()).as("sessions start empty, as the memory view did after a restart").isEmpty();
        WorkflowEvent after = accept("s1", "workflow_start", "audit");
        assertThat(eventIds(detail("s1"))).containsExactly(after.id());
        assertThat(store.queue("audit").poll(LONG).event()).isEqualTo(before);
    }
}
