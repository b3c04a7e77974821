package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.sessions.SessionLimits;
import dev.switchboard.core.sessions.Sessions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two runtimes on one PostgreSQL database, as two stores in this process, each with its own pool,
 * writer, listener and lease owner: they share the work without handing a delivery to both, the
 * leases of one that dies are claimed by the other with the same ids, and both see the same
 * sessions, dead letters and replays.
 */
class PostgresSharedStoreTest {

    static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration SHORT = Duration.ofMillis(200);
    static final Duration LONG = Duration.ofSeconds(10);

    static EmbeddedPostgresServer server;

    private final ManualClock clock = new ManualClock(START);
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<PostgresStore> opened = new ArrayList<>();
    private String url;
    private PostgresStore first;
    private PostgresStore second;

    @BeforeAll
    static void startServer() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void openTwoRuntimes() {
        url = server.newSchema();
        first = runtime("first", Duration.ofSeconds(1));
        second = runtime("second", Duration.ofSeconds(1));
    }

    @AfterEach
    void closeRuntimes() {
        for (PostgresStore store : opened) {
            try {
                store.close();
            } catch (RuntimeException ignored) {
                // halted already
            }
        }
    }

    /** A runtime whose leases are renewed only when the test says so, and which polls at this interval. */
    private PostgresStore runtime(String owner, Duration pollInterval) {
        PostgresStore store = PostgresStore.at(url).user("postgres").clock(clock).lease(LEASE).owner(owner)
                .renewEvery(Duration.ofHours(1)).pollInterval(pollInterval).open();
        opened.add(store);
        return store;
    }

    private WorkflowEvent event(String sessionId) {
        int seq = sequence.incrementAndGet();
        return WorkflowEvent.builder(seq == 1 ? "workflow_start" : "step_complete").id("event-" + seq)
                .timestamp("2025-11-12T10:30:45.123456").sessionId(sessionId).specName("research-workflow")
                .data(Map.of("seq", seq)).build();
    }

    @Test
    void twoRuntimesShareTheWorkAndNeverHandOutADeliveryTwice() throws Exception {
        int events = 300;
        for (int i = 0; i < events; i++) {
            (i % 2 == 0 ? first : second).accept(event("s"), List.of("audit"));
        }
        Map<Long, String> takenBy = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger settled = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (PostgresStore runtime : List.of(first, second)) {
                for (int t = 0; t < 3; t++) {
                    work.add(pool.submit(() -> {
                        HandlerQueue queue = runtime.queue("audit");
                        while (done.getCount() > 0) {
                            StoredDelivery delivery = queue.poll(Duration.ofMillis(50));
                            if (delivery == null) {
                                continue;
                            }
                            if (takenBy.putIfAbsent(delivery.id(), runtime.owner()) != null) {
                                duplicates.incrementAndGet();
                            }
                            Thread.sleep(2); // an attempt takes a while, so that both runtimes get work
                            queue.delivered(delivery);
                            if (settled.incrementAndGet() == events) {
                                done.countDown();
                            }
                        }
                        return null;
                    }));
                }
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).as("all %d deliveries settled", events).isTrue();
            for (Future<?> future : work) {
                future.get(10, TimeUnit.SECONDS);
            }
        } finally {
            done.countDown();
            pool.shutdownNow();
        }
        assertThat(duplicates).hasValue(0);
        assertThat(takenBy).hasSize(events);
        assertThat(takenBy.values()).contains("first", "second");
        assertThat(first.deliveries().list(DeliveryState.DELIVERED, "audit", null, 0, 1_000)).hasSize(events);
        first.renewLeases();
        assertThat(first.queue("audit").backlog()).isZero();
        assertThat(second.deliveries().list(DeliveryState.PENDING, null, null, 0, 10)).isEmpty();
    }

    @Test
    void theLeaseOfARuntimeThatDiedIsClaimedByTheOtherWithTheSameIdsOnceItExpires() throws Exception {
        WorkflowEvent event = event("s");
        first.accept(event, List.of("audit"));
        StoredDelivery leased = first.queue("audit").poll(LONG);

        first.halt(); // as kill -9: nothing released, no lease renewed again
        assertThat(second.queue("audit").poll(SHORT)).as("the lease has not expired").isNull();
        clock.advance(LEASE.minusMillis(1));
        assertThat(second.queue("audit").poll(Duration.ofMillis(1_500))).as("the lease has not expired").isNull();
        clock.advance(Duration.ofMillis(1));
        StoredDelivery claimed = second.queue("audit").poll(LONG);

        assertThat(claimed.id()).isEqualTo(leased.id());
        assertThat(claimed.eventId()).isEqualTo(event.id());
        assertThat(claimed.event()).isEqualTo(event);
        assertThat(claimed.attempts()).as("the dead runtime's attempt was never settled").isZero();
        second.queue("audit").delivered(claimed);
        assertThat(second.deliveries().get(leased.id()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void aLiveRuntimeRenewsItsLeasesAndKeepsItsDeliveries() throws Exception {
        first.accept(event("s"), List.of("audit"));
        StoredDelivery leased = first.queue("audit").poll(LONG);

        clock.advance(LEASE.minusSeconds(1));
        first.renewLeases();
        clock.advance(LEASE.minusSeconds(1));

        assertThat(second.queue("audit").poll(Duration.ofMillis(1_500))).as("renewed, not expired").isNull();
        first.queue("audit").delivered(leased);
        assertThat(second.deliveries().get(leased.id()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void anOutcomeSettledAfterTheLeaseWasLostIsNotRecordedAndTheNewOwnerKeepsTheDelivery() throws Exception {
        first.accept(event("s"), List.of("audit"));
        StoredDelivery slow = first.queue("audit").poll(LONG);
        clock.advance(LEASE);
        StoredDelivery claimed = second.queue("audit").poll(LONG);
        assertThat(claimed.id()).isEqualTo(slow.id());

        first.queue("audit").deadLetter(slow, "too late");

        assertThat(second.deliveries().get(slow.id()).orElseThrow().state()).isEqualTo(DeliveryState.IN_FLIGHT);
        second.queue("audit").delivered(claimed);
        assertThat(first.deliveries().get(slow.id()).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(first.deadLetters().list(null, null, 0, 10)).isEmpty();
    }

    @Test
    void aRuntimeThatClosesReleasesWhatItClaimedToTheOtherAtOnce() throws Exception {
        for (int i = 0; i < 5; i++) {
            first.accept(event("s"), List.of("audit"));
        }
        StoredDelivery inFlight = first.queue("audit").poll(LONG);
        assertThat(first.postgresQueue("audit").claimedWaiting()).as("claimed in one batch").isEqualTo(4);

        first.close();

        List<Long> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(second.queue("audit").poll(LONG).id());
        }
        assertThat(taken).contains(inFlight.id()).doesNotHaveDuplicates();
    }

    @Test
    void anIdleRuntimeWakesWhenAnotherAcceptsWithoutWaitingForItsPoll() throws Exception {
        PostgresStore idle = runtime("idle", Duration.ofHours(1));
        assertThat(idle.queue("audit").poll(SHORT)).isNull();
        ExecutorService taker = Executors.newSingleThreadExecutor();
        try {
            Future<StoredDelivery> taken = taker.submit(() -> idle.queue("audit").take());
            Thread.sleep(300);
            WorkflowEvent event = event("s");
            first.accept(event, List.of("audit"));
            assertThat(taken.get(5, TimeUnit.SECONDS).eventId()).isEqualTo(event.id());
        } finally {
            taker.shutdownNow();
        }
    }

    @Test
    void sessionsDeadLettersAndReplaysAreTheSameThroughEitherRuntime() throws Exception {
        for (int i = 0; i < 3; i++) {
            (i % 2 == 0 ? first : second).accept(event("session-a"), List.of("audit"));
        }
        second.accept(event("session-b"), List.of("audit"));
        StoredDelivery failing = first.queue("audit").poll(LONG);
        first.queue("audit").deadLetter(failing, "HTTP 400");

        Sessions viaFirst = first.sessions(SessionLimits.DEFAULTS, RedactSettings.DEFAULT);
        Sessions viaSecond = second.sessions(SessionLimits.DEFAULTS, RedactSettings.DEFAULT);
        assertThat(viaSecond.list(0, 10, null, null)).isEqualTo(viaFirst.list(0, 10, null, null));
        assertThat(viaSecond.list(0, 10, null, null).items()).hasSize(2);
        assertThat(viaSecond.find("session-a")).isEqualTo(viaFirst.find("session-a"));
        assertThat(viaSecond.find("session-a").orElseThrow().summary().eventCount()).isEqualTo(3);
        assertThat(second.deadLetters().list(null, null, 0, 10)).isEqualTo(first.deadLetters().list(null, null, 0, 10));
        assertThat(second.deadLetters().get(failing.id()).orElseThrow().delivery().lastReason()).isEqualTo("HTTP 400");

        assertThat(second.deadLetters().replay(failing.id())).isTrue();

        List<Long> taken = new ArrayList<>();
        StoredDelivery next;
        while ((next = first.queue("audit").poll(Duration.ofSeconds(2))) != null) {
            taken.add(next.id());
            assertThat(next.eventId()).isNotNull();
        }
        assertThat(taken).contains(failing.id());
        assertThat(first.deadLetters().list(null, null, 0, 10)).isEmpty();
    }
}
