package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.WorkflowEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL store whose database goes away while it works (every connection terminated, new ones
 * refused) and comes back: writes fail with a {@link StoreException} naming the database and never
 * its password, the pool connects again by itself, and nothing acknowledged is lost.
 */
class PostgresStoreFaultsTest {

    static final String PASSWORD = "pg-secret-4711";
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration LONG = Duration.ofSeconds(10);

    static EmbeddedPostgresServer server;

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T12:00:00Z"));

    @BeforeAll
    static void startServer() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static WorkflowEvent event(int seq) {
        return WorkflowEvent.builder("step_complete").id("event-" + seq).timestamp("2025-11-12T10:30:45.123456")
                .sessionId("s").data(Map.of("seq", seq)).build();
    }

    @Test
    void aLostDatabaseFailsWritesAndOnceItIsBackThePoolReconnectsAndNothingAcknowledgedIsLost() throws Exception {
        String url = server.newDatabase();
        try (PostgresStore store = PostgresStore.at(url).user("postgres").password(PASSWORD).clock(clock).lease(LEASE)
                .connectTimeout(Duration.ofSeconds(1)).renewEvery(Duration.ofHours(1)).open()) {
            for (int seq = 1; seq <= 3; seq++) {
                store.accept(event(seq), List.of("audit"));
            }
            HandlerQueue queue = store.queue("audit");
            StoredDelivery inFlight = queue.poll(LONG);

            server.disconnect(url);

            assertThatThrownBy(() -> store.accept(event(4), List.of("audit"))).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith(url + ": ").message().doesNotContain(PASSWORD);
            assertThatThrownBy(store::checkWritable).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> queue.delivered(inFlight)).as("its outcome cannot be stored")
                    .isInstanceOf(StoreException.class);
            assertThat(store.backlogs()).as("the refused event takes no room").containsEntry("audit", 3L);

            server.reconnect(url);

            acceptOnceBack(store, event(5));
            store.checkWritable();
            List<String> delivered = new ArrayList<>();
            StoredDelivery next;
            while ((next = queue.poll(Duration.ofSeconds(2))) != null) {
                delivered.add(next.eventId());
                queue.delivered(next);
            }
            assertThat(delivered).containsExactly("event-2", "event-3", "event-5");
            clock.advance(LEASE);
            StoredDelivery again = queue.poll(LONG);
            assertThat(again.id()).as("the attempt whose outcome was lost, once its lease expired").isEqualTo(inFlight.id());
            assertThat(again.eventId()).isEqualTo("event-1");
            queue.delivered(again);
            assertThat(store.deliveries().list(DeliveryState.DELIVERED, null, null, 0, 10)).hasSize(4);
            assertThat(store.deliveries().list(DeliveryState.PENDING, null, "event-4", 0, 10)).isEmpty();
            assertThat(store.deliveries().list(DeliveryState.IN_FLIGHT, null, null, 0, 10)).isEmpty();
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheOpenWithOneLineNamingIt() {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/no_such_database?password=" + PASSWORD;
        assertThatThrownBy(() -> PostgresStore.at(url).user("postgres").password(PASSWORD).open())
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("jdbc:postgresql://127.0.0.1:" + server.port() + "/no_such_database: the"
                        + " database does not exist")
                .message().doesNotContain(PASSWORD);
    }

    /** The pool connects again within seconds of the database coming back. */
    private static void acceptOnceBack(PostgresStore store, WorkflowEvent event) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                store.accept(event, List.of("audit"));
                return;
            } catch (StoreException stillAway) {
                if (System.nanoTime() > deadline) {
                    throw stillAway;
                }
                Thread.sleep(200);
            }
        }
    }
}
