package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery store contract for the SQLite store, and what only a durable store does. */
class SqliteStoreTest extends DeliveryStoreContract {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("data").resolve("switchboard.db");
    }

    /** With {@code sync: normal}: a commit still survives the process (power loss is not tested), faster. */
    @Override
    protected DeliveryStore open(ManualClock clock, BacklogLimits limits) {
        return SqliteStore.at(file()).sync(SqliteStore.Sync.NORMAL).clock(clock).limits(limits).open();
    }

    @Test
    void aRestartResumesPendingLeasedAndScheduledDeliveries() throws Exception {
        WorkflowEvent scheduled = event();
        WorkflowEvent leased = event();
        WorkflowEvent pending = event();
        for (WorkflowEvent event : List.of(scheduled, leased, pending)) {
            store.accept(event, List.of("audit"));
        }
        HandlerQueue queue = store.queue("audit");
        queue.retryAt(queue.poll(LONG), START.plusSeconds(30), "HTTP 503");
        assertThat(queue.poll(LONG).event()).isEqualTo(leased);

        reopen(BacklogLimits.of(1_000));

        queue = store.queue("audit");
        assertThat(queue.backlog()).isEqualTo(3);
        assertThat(queue.poll(LONG).event()).isEqualTo(leased);
        assertThat(queue.poll(LONG).event()).isEqualTo(pending);
        assertThat(queue.poll(SHORT)).as("the retry is not due before 12:00:30").isNull();
        clock.advance(Duration.ofSeconds(30));
        StoredDelivery retried = queue.poll(LONG);
        assertThat(retried.event()).isEqualTo(scheduled);
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastReason()).isEqualTo("HTTP 503");
        assertThat(retried.dueAt()).isEqualTo(START.plusSeconds(30));
    }

    @Test
    void anInputPositionIsStoredWithItsEventAndSurvivesARestart() throws Exception {
        assertThat(store.inputPosition("dev=1,ino=2")).isEmpty();
        store.acceptAsync(event(), List.of("audit"), new InputPosition("dev=1,ino=2", 120, 3), () -> { })
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        store.acceptAsync(event(), List.of("audit"), new InputPosition("dev=1,ino=2", 250, 5), () -> { })
                .get(5, java.util.concurrent.TimeUnit.SECONDS);

        reopen(BacklogLimits.of(1_000));

        assertThat(store.inputPosition("dev=1,ino=2")).contains(new InputPosition("dev=1,ino=2", 250, 5));
        assertThat(store.inputPosition("dev=1,ino=3")).isEmpty();
    }

    @Test
    void handlerStatesSurviveARestart() {
        HandlerState disabled = new HandlerState(START, "HTTP 410 Gone", "half_open", START, null);
        StoreWrites.await(store.handlerStates().save("slack", disabled));

        reopen(BacklogLimits.of(1_000));

        assertThat(store.handlerStates().all()).containsExactly(java.util.Map.entry("slack", disabled));
    }

    @Test
    void aSettleRecordsTheLastHttpStatus() throws Exception {
        store.accept(event(), List.of("audit"));
        StoredDelivery delivery = store.queue("audit").poll(LONG);
        store.queue("audit").settle(delivery, Settlement.retryAt(START.plusSeconds(1), "HTTP 503").withStatus(503))
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        store.close();
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file());
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT last_status, attempts FROM deliveries")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getInt(1)).isEqualTo(503);
            assertThat(row.getInt(2)).isEqualTo(1);
        }
        store = open(clock, BacklogLimits.of(1_000));
    }

    @Test
    void deliveredAndDeadDeliveriesStaySettledAcrossARestart() throws Exception {
        StoredDelivery delivered = accepted("audit");
        store.queue("audit").delivered(delivered);
        StoredDelivery dead = deadLetter("audit", "HTTP 404");

        reopen(BacklogLimits.of(1_000));

        assertThat(store.queue("audit").poll(SHORT)).isNull();
        assertThat(store.queue("audit").backlog()).isZero();
        DeadLetter letter = store.deadLetters().get(dead.id()).orElseThrow();
        assertThat(letter.delivery().lastReason()).isEqualTo("HTTP 404");
        assertThat(letter.delivery().event()).isEqualTo(dead.event());
    }

    @Test
    void deliveredDeliveriesAreListedUntilTheyArePruned() throws Exception {
        store.close();
        store = SqliteStore.at(file()).clock(clock).retention(Duration.ofDays(7)).open();
        StoredDelivery delivered = accepted("audit");
        clock.advance(Duration.ofSeconds(3));
        store.queue("audit").settle(delivered, Settlement.delivered().withStatus(204)).get(5, TimeUnit.SECONDS);

        DeliveryRecord record = store.deliveries().list(DeliveryState.DELIVERED, "audit", null, 0, 10).get(0);
        assertThat(record.id()).isEqualTo(delivered.id());
        assertThat(record.lastStatus()).isEqualTo(204);
        assertThat(record.delivery().attempts()).isEqualTo(1);
        assertThat(record.updatedAt()).isEqualTo(START.plusSeconds(3));
        assertThat(store.deliveries().get(delivered.id())).contains(record);

        clock.advance(Duration.ofDays(8));
        store.prune();
        assertThat(store.deliveries().list(DeliveryState.DELIVERED, null, null, 0, 10)).isEmpty();
        assertThat(store.deliveries().get(delivered.id())).isEmpty();
    }

    @Test
    void aLeaseLeftByACrashIsListedAsPendingAfterTheNextOpen() throws Exception {
        StoredDelivery leased = accepted("audit");
        store.checkWritable();
        assertThat(store.deliveries().get(leased.id()).orElseThrow().state()).isEqualTo(DeliveryState.IN_FLIGHT);

        reopen(BacklogLimits.of(1_000));

        assertThat(store.deliveries().list(DeliveryState.PENDING, null, null, 0, 10)).extracting(DeliveryRecord::id)
                .containsExactly(leased.id());
    }

    @Test
    void anAcceptedDeliveryIsHandedOutAsAcceptedWithoutBeingReadBack() throws Exception {
        HandlerQueue queue = store.queue("audit");
        assertThat(queue.poll(SHORT)).as("nothing yet; the queue has read the disk").isNull();
        WorkflowEvent event = event();

        store.accept(event, List.of("audit"));

        StoredDelivery delivery = queue.poll(LONG);
        assertThat(delivery.event()).as("the accepted event itself, not one parsed from its row").isSameAs(event);
        assertThat(delivery.dueAt()).isEqualTo(START);
        assertThat(delivery.acceptedAt()).isEqualTo(START);
        assertThat(store.deliveries().get(delivery.id()).orElseThrow().delivery().event()).isEqualTo(event);
    }

    @Test
    void aLeaseIsKeptInMemoryAndListedInFlightWhileItsRowStaysPending() throws Exception {
        store.accept(event(), List.of("audit"));
        store.accept(event(), List.of("audit"));
        clock.advance(Duration.ofSeconds(1));
        StoredDelivery leased = store.queue("audit").poll(LONG);
        store.checkWritable();

        assertThat(stateOnDisk(leased.id())).isEqualTo("pending");
        DeliveryRecord record = store.deliveries().get(leased.id()).orElseThrow();
        assertThat(record.state()).isEqualTo(DeliveryState.IN_FLIGHT);
        assertThat(record.updatedAt()).as("when it was leased").isEqualTo(START.plusSeconds(1));
        assertThat(store.deliveries().list(DeliveryState.IN_FLIGHT, "audit", null, 0, 10)).extracting(DeliveryRecord::id)
                .containsExactly(leased.id());
        assertThat(store.deliveries().list(DeliveryState.IN_FLIGHT, "slack", null, 0, 10)).isEmpty();
        assertThat(store.deliveries().list(DeliveryState.PENDING, null, null, 0, 10)).extracting(DeliveryRecord::id)
                .doesNotContain(leased.id()).hasSize(1);

        store.queue("audit").settle(leased, Settlement.delivered()).get(5, TimeUnit.SECONDS);
        assertThat(store.deliveries().list(DeliveryState.IN_FLIGHT, null, null, 0, 10)).isEmpty();
        assertThat(stateOnDisk(leased.id())).isEqualTo("delivered");
    }

    private String stateOnDisk(long id) throws SQLException {
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT state FROM deliveries WHERE id = " + id)) {
            assertThat(row.next()).isTrue();
            return row.getString(1);
        }
    }

    @Test
    void theBacklogLimitCountsWhatIsOnDiskAfterARestart() throws Exception {
        store.accept(event(), List.of("audit"));
        store.accept(event(), List.of("audit"));

        reopen(BacklogLimits.of(2));

        assertThatThrownBy(() -> store.accept(event(), List.of("audit"))).isInstanceOf(StoreFullException.class);
    }

    @Test
    void aSmallWindowStillHandsOutTheWholeBacklogInDueOrder() throws Exception {
        store.close();
        store = SqliteStore.at(file()).clock(clock).windowSize(3).open();
        HandlerQueue queue = store.queue("audit");
        for (int i = 0; i < 20; i++) {
            store.accept(event(), List.of("audit"));
        }
        // Two early deliveries scheduled late, so the window must pass over them and come back.
        StoredDelivery first = queue.poll(LONG);
        StoredDelivery second = queue.poll(LONG);
        assertThat(((SqliteQueue) queue).inMemory()).as("at most a window of 3 and the 2 leased, of 20").isBetween(2, 5);
        queue.retryAt(first, START.plusSeconds(10), "later");
        queue.retryAt(second, START.plusSeconds(5), "sooner");

        List<StoredDelivery> rest = drain("audit");
        assertThat(rest).hasSize(18);
        assertThat(rest).extracting(StoredDelivery::id).isSorted();
        clock.advance(Duration.ofSeconds(10));
        assertThat(queue.poll(LONG).id()).isEqualTo(second.id());
        assertThat(queue.poll(LONG).id()).isEqualTo(first.id());
    }

    @Test
    void aDatabaseOfTheFirstSchemaIsMigratedOnOpen() throws Exception {
        store.close();
        Path old = dir.resolve("old").resolve("switchboard.db");
        Files.createDirectories(old.getParent());
        WorkflowEvent event = event();
        try (Connection connection = SqliteFiles.connect(old, SqliteStore.Sync.FULL);
                Statement sql = connection.createStatement()) {
            SqliteSchema.migrate(connection, old, 1);
            sql.executeUpdate("INSERT INTO events (id, body, accepted_at) VALUES ('" + event.id() + "', '"
                    + EventJson.write(event).replace("'", "''") + "', " + START.toEpochMilli() + ")");
            sql.executeUpdate("INSERT INTO deliveries (event_id, handler, state, attempts, due_at, updated_at) VALUES ('"
                    + event.id() + "', 'audit', 'in_flight', 2, " + START.toEpochMilli() + ", " + START.toEpochMilli() + ")");
            connection.commit();
            assertThat(SqliteSchema.version(connection)).isEqualTo(1);
        }

        store = SqliteStore.at(old).clock(clock).open();

        StoredDelivery resumed = store.queue("audit").poll(LONG);
        assertThat(resumed.event()).isEqualTo(event);
        assertThat(resumed.attempts()).isEqualTo(2);
        store.queue("audit").deadLetter(resumed, "gone");
        assertThat(store.deadLetters().list("audit", event.id(), 0, 10)).hasSize(1);
        assertThat(query(old, "SELECT max(version) FROM schema_version")).isEqualTo(SqliteSchema.latest());
        assertThat(query(old, "SELECT count(*) FROM sqlite_master WHERE name = 'deliveries_by_event'")).isEqualTo(1);
    }

    @Test
    void dueDeliveriesDeadLettersAndDeliveredOnesAreFoundThroughTheirPartialIndexes() throws Exception {
        store.close();
        try (Connection connection = SqliteFiles.connect(file(), SqliteStore.Sync.FULL)) {
            assertThat(plan(connection, SqliteReader.EARLIEST_PENDING.replaceFirst("\\?", "'audit'").replace("?", "5")))
                    .contains("deliveries_due");
            assertThat(plan(connection, "SELECT id FROM deliveries d WHERE d.state = 'dead'"
                    + " ORDER BY d.updated_at DESC, d.id DESC LIMIT 10")).contains("deliveries_dead");
            assertThat(plan(connection, "SELECT id FROM deliveries WHERE state = 'delivered' AND updated_at < 5 LIMIT 10"))
                    .contains("deliveries_delivered");
            assertThat(plan(connection, "SELECT handler, count(*) FROM deliveries WHERE state = 'pending' GROUP BY handler"))
                    .contains("deliveries_due");
        }
        store = open(clock, BacklogLimits.of(1_000));
    }

    private static String plan(Connection connection, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (row.next()) {
                plan.append(row.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void aDatabaseOfANewerSchemaIsRefusedAndLeftUntouched() throws Exception {
        store.close();
        try (Connection connection = SqliteFiles.connect(file(), SqliteStore.Sync.FULL);
                Statement sql = connection.createStatement()) {
            sql.executeUpdate("UPDATE schema_version SET version = 99");
            connection.commit();
        }

        assertThatThrownBy(() -> SqliteStore.at(file()).open())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file().toString())
                .hasMessageContaining("schema version 99");
        assertThat(query(file(), "SELECT max(version) FROM schema_version")).isEqualTo(99);
        assertThatThrownBy(() -> SqliteStore.at(file()).open()).as("the failed open released its lock")
                .hasMessageContaining("schema version 99");
    }

    @Test
    void retentionPrunesDeliveredRecordsOlderThanItInSmallBatchesAndKeepsDeadLetters() throws Exception {
        store.close();
        store = SqliteStore.at(file()).clock(clock).retention(Duration.ofDays(7)).pruneBatch(2).open();
        for (int i = 0; i < 3; i++) {
            store.queue("audit").delivered(accepted("audit"));
        }
        StoredDelivery dead = deadLetter("audit", "gone");
        clock.advance(Duration.ofDays(6));
        store.queue("audit").delivered(accepted("audit"));
        assertThat(store.prune()).as("nothing is older than 7 days yet").isZero();

        clock.advance(Duration.ofDays(1).plusMillis(1));

        assertThat(store.prune()).as("2 deliveries, then the 2 events they leave alone, and their session, not updated for a day")
                .isEqualTo(5);
        assertThat(store.prune()).as("the third delivery and its event").isEqualTo(2);
        assertThat(store.prune()).isZero();
        assertThat(query(file(), "SELECT count(*) FROM deliveries")).as("the dead letter and the recent one").isEqualTo(2);
        assertThat(query(file(), "SELECT count(*) FROM events")).isEqualTo(2);
        assertThat(store.deadLetters().get(dead.id())).isPresent();
    }

    static long query(Path file, String sql) throws SQLException {
        try (Connection connection = SqliteFiles.connect(file, SqliteStore.Sync.FULL);
                Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
