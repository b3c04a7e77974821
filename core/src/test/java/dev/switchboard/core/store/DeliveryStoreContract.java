package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.WorkflowEvent;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeliveryStore} does, run by one subclass per implementation: memory
 * ({@code MemoryStoreTest}), SQLite ({@code SqliteStoreTest}) and PostgreSQL ({@code PostgresStoreTest},
 * on a real server that the test starts).
 */
abstract class DeliveryStoreContract {

    static final Instant START = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration SHORT = Duration.ofMillis(100);
    static final Duration LONG = Duration.ofSeconds(5);

    protected final ManualClock clock = new ManualClock(START);
    protected DeliveryStore store;
    private final AtomicInteger sequence = new AtomicInteger();

    /** Opens a fresh, empty store of the implementation under test on {@code clock}. */
    protected abstract DeliveryStore open(ManualClock clock, BacklogLimits limits);

    @BeforeEach
    void openStore() {
        store = open(clock, BacklogLimits.of(1_000));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    WorkflowEvent event() {
        int seq = sequence.incrementAndGet();
        return WorkflowEvent.builder("step_complete")
                .id("event-" + seq)
                .timestamp("2025-11-12T10:30:45.123456")
                .sessionId("session-1")
                .specName("research-workflow")
                .patternType("chain")
                .data(Map.of("seq", seq, "response", "Step output", "nested", Map.of("list", List.of("a", "b"))))
                .build();
    }

    void reopen(BacklogLimits limits) {
        store.close();
        store = open(clock, limits);
    }

    @Test
    void handlerStatesAreSavedAndReadBackOverwritingTheOneBefore() {
        assertThat(store.handlerStates().all()).isEmpty();
        HandlerState disabled = new HandlerState(START, "HTTP 410 Gone", "open", START.minusSeconds(5),
                START.plusSeconds(30));
        StoreWrites.await(store.handlerStates().save("slack", disabled));
        StoreWrites.await(store.handlerStates().save("audit", HandlerState.INITIAL));

        assertThat(store.handlerStates().all()).containsOnly(Map.entry("slack", disabled),
                Map.entry("audit", HandlerState.INITIAL));

        StoreWrites.await(store.handlerStates().save("slack", HandlerState.INITIAL));
        assertThat(store.handlerStates().all()).containsEntry("slack", HandlerState.INITIAL);
        assertThat(store.handlerStates().all().get("slack").disabled()).isFalse();
    }

    /** ordering: session asks the store what an unknown session's delivery waits for (after a restart). */
    @Test
    void theUnfinishedDeliveriesOfASessionBeforeOneAreAnsweredInAcceptanceOrder() throws Exception {
        store.accept(event(), List.of("slack", "audit"));
        store.accept(event(), List.of("slack"));
        store.accept(WorkflowEvent.builder("step_complete").id("other-session")
                .timestamp("2025-11-12T10:30:45.123456").sessionId("session-2").build(),
                List.of("slack"));
        store.accept(event(), List.of("slack"));
        HandlerQueue queue = store.queue("slack");
        StoredDelivery first = queue.poll(LONG);
        StoredDelivery second = queue.poll(LONG);
        StoredDelivery other = queue.poll(LONG);
        StoredDelivery third = queue.poll(LONG);
        assertThat(other.event().sessionId()).isEqualTo("session-2");

        assertThat(queue.unfinishedOfSession("session-1", third.id())).containsExactly(first.id(), second.id());
        assertThat(queue.unfinishedOfSession("session-1", second.id())).containsExactly(first.id());
        assertThat(queue.unfinishedOfSession("session-1", first.id())).isEmpty();
        assertThat(queue.unfinishedOfSession("session-2", third.id())).containsExactly(other.id());
        assertThat(queue.unfinishedOfSession("nobody", third.id())).isEmpty();

        queue.delivered(first);
        queue.retryAt(second, clock.instant().plusSeconds(10), "HTTP 503");
        queue.deadLetter(third, "HTTP 400");

        assertThat(queue.unfinishedOfSession("session-1", Long.MAX_VALUE)).containsExactly(second.id());
        assertThat(store.queue("audit").unfinishedOfSession("session-1", Long.MAX_VALUE)).hasSize(1);
    }

    @Test
    void aDeliveryKeepsItsEventsAcceptanceTimeAcrossRetries() throws Exception {
        store.accept(event(), List.of("slack"));
        clock.advance(Duration.ofSeconds(5));
        HandlerQueue queue = store.queue("slack");
        StoredDelivery first = queue.poll(LONG);
        queue.retryAt(first, clock.instant().plusSeconds(1), "HTTP 503");
        clock.advance(Duration.ofSeconds(1));
        StoredDelivery second = queue.poll(LONG);

        assertThat(first.acceptedAt()).isEqualTo(START);
        assertThat(second.acceptedAt()).isEqualTo(START);
        assertThat(second.dueAt()).isEqualTo(START.plusSeconds(6));
    }

    @Test
    void anAcceptedEventIsTakenOncePerHandlerWithItsIdAndBody() throws Exception {
        WorkflowEvent event = event();
        store.accept(event, List.of("slack", "audit"));

        StoredDelivery slack = store.queue("slack").poll(LONG);
        StoredDelivery audit = store.queue("audit").poll(LONG);

        assertThat(slack.event()).isEqualTo(event);
        assertThat(slack.eventId()).isEqualTo(event.id());
        assertThat(slack.handler()).isEqualTo("slack");
        assertThat(slack.attempts()).isZero();
        assertThat(slack.dueAt()).isEqualTo(START);
        assertThat(slack.lastReason()).isNull();
        assertThat(audit.event()).isEqualTo(event);
        assertThat(audit.id()).isNotEqualTo(slack.id());
        assertThat(store.queue("slack").poll(SHORT)).isNull();
    }

    @Test
    void deliveriesAreTakenInTheOrderTheyWereAccepted() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            WorkflowEvent event = event();
            store.accept(event, List.of("audit"));
            accepted.add(event.id());
        }
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(store.queue("audit").poll(LONG).eventId());
        }
        assertThat(taken).isEqualTo(accepted);
    }

    @Test
    void aDeliveryIsNotHandedOutBeforeItsRetryTime() throws Exception {
        store.accept(event(), List.of("audit"));
        HandlerQueue queue = store.queue("audit");
        StoredDelivery first = queue.poll(LONG);

        queue.retryAt(first, START.plusSeconds(5), "HTTP 503");

        assertThat(queue.poll(SHORT)).isNull();
        clock.advance(Duration.ofMillis(4_999));
        assertThat(queue.poll(SHORT)).isNull();
        clock.advance(Duration.ofMillis(1));
        StoredDelivery second = queue.poll(LONG);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.eventId()).isEqualTo(first.eventId());
        assertThat(second.attempts()).isEqualTo(1);
        assertThat(second.dueAt()).isEqualTo(START.plusSeconds(5));
        assertThat(second.lastReason()).isEqualTo("HTTP 503");
    }

    @Test
    void aDueTimeBetweenTwoMillisecondsIsNotHandedOutEarly() throws Exception {
        StoredDelivery delivery = accepted("audit");
        store.queue("audit").retryAt(delivery, START.plusNanos(400_000), "soon");

        assertThat(store.queue("audit").poll(SHORT)).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(store.queue("audit").poll(LONG).id()).isEqualTo(delivery.id());
    }

    @Test
    void aWaitingTakerWakesWhenAnEventArrives() throws Exception {
        ExecutorService taker = Executors.newSingleThreadExecutor();
        try {
            Future<StoredDelivery> taken = taker.submit(() -> store.queue("audit").take());
            Thread.sleep(50);
            WorkflowEvent event = event();
            store.accept(event, List.of("audit"));
            assertThat(taken.get(5, TimeUnit.SECONDS).eventId()).isEqualTo(event.id());
        } finally {
            taker.shutdownNow();
        }
    }

    @Test
    void aWaitingTakerWakesWhenTheClockReachesARetryTime() throws Exception {
        store.accept(event(), List.of("audit"));
        HandlerQueue queue = store.queue("audit");
        queue.retryAt(queue.poll(LONG), START.plusSeconds(60), "timeout");
        ExecutorService taker = Executors.newSingleThreadExecutor();
        try {
            Future<StoredDelivery> taken = taker.submit(queue::take);
            Thread.sleep(50);
            assertThat(taken).isNotDone();
            clock.advance(Duration.ofSeconds(60));
            assertThat(taken.get(5, TimeUnit.SECONDS).attempts()).isEqualTo(1);
        } finally {
            taker.shutdownNow();
        }
    }

    @Test
    void retriesCountTheirAttemptsAndEndAsADeadLetter() throws Exception {
        store.accept(event(), List.of("audit"));
        HandlerQueue queue = store.queue("audit");
        StoredDelivery delivery = queue.poll(LONG);
        for (int attempt = 1; attempt <= 2; attempt++) {
            queue.retryAt(delivery, clock.instant(), "HTTP 500 #" + attempt);
            delivery = queue.poll(LONG);
            assertThat(delivery.attempts()).isEqualTo(attempt);
        }
        queue.deadLetter(delivery, "HTTP 500 three times");

        assertThat(queue.backlog()).isZero();
        DeadLetter dead = store.deadLetters().get(delivery.id()).orElseThrow();
        assertThat(dead.delivery().attempts()).isEqualTo(3);
        assertThat(dead.delivery().lastReason()).isEqualTo("HTTP 500 three times");
        assertThat(dead.delivery().event()).isEqualTo(delivery.event());
        assertThat(dead.deadAt()).isEqualTo(clock.instant());
        assertThat(queue.poll(SHORT)).isNull();
    }

    @Test
    void aReplayedDeadLetterIsDueNowWithItsAttemptsResetAndItsIdsKept() throws Exception {
        StoredDelivery dead = deadLetter("audit", "gone");
        clock.advance(Duration.ofMinutes(3));

        assertThat(store.deadLetters().replay(dead.id())).isTrue();

        assertThat(store.deadLetters().get(dead.id())).isEmpty();
        assertThat(store.queue("audit").backlog()).isEqualTo(1);
        StoredDelivery replayed = store.queue("audit").poll(LONG);
        assertThat(replayed.id()).isEqualTo(dead.id());
        assertThat(replayed.eventId()).isEqualTo(dead.eventId());
        assertThat(replayed.attempts()).isZero();
        assertThat(replayed.dueAt()).isEqualTo(clock.instant());
        assertThat(store.deadLetters().replay(dead.id())).isFalse();
    }

    @Test
    void deadLettersAreListedNewestFirstFilteredAndPaged() throws Exception {
        StoredDelivery first = deadLetter("audit", "a");
        clock.advance(Duration.ofSeconds(1));
        StoredDelivery second = deadLetter("slack", "b");
        clock.advance(Duration.ofSeconds(1));
        StoredDelivery third = deadLetter("audit", "c");
        DeadLetters dead = store.deadLetters();

        assertThat(ids(dead.list(null, null, 0, 10))).containsExactly(third.id(), second.id(), first.id());
        assertThat(ids(dead.list("audit", null, 0, 10))).containsExactly(third.id(), first.id());
        assertThat(ids(dead.list(null, second.eventId(), 0, 10))).containsExactly(second.id());
        assertThat(ids(dead.list(null, null, 1, 1))).containsExactly(second.id());
        assertThat(dead.list("nobody", null, 0, 10)).isEmpty();
        assertThatThrownBy(() -> dead.list(null, null, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deadLettersAreReplayedByHandlerOrByIds() throws Exception {
        StoredDelivery a1 = deadLetter("audit", "x");
        StoredDelivery a2 = deadLetter("audit", "x");
        StoredDelivery s1 = deadLetter("slack", "x");
        StoredDelivery s2 = deadLetter("slack", "x");

        assertThat(store.deadLetters().replayAll("audit")).isEqualTo(2);
        assertThat(store.deadLetters().replay(List.of(s1.id(), s1.id(), a1.id(), 999_999L))).isEqualTo(1);

        assertThat(ids(store.deadLetters().list(null, null, 0, 10))).containsExactly(s2.id());
        assertThat(Set.of(store.queue("audit").poll(LONG).id(), store.queue("audit").poll(LONG).id()))
                .containsExactlyInAnyOrder(a1.id(), a2.id());
        assertThat(store.queue("slack").poll(LONG).id()).isEqualTo(s1.id());
    }

    @Test
    void aDeletedDeadLetterIsGone() throws Exception {
        StoredDelivery dead = deadLetter("audit", "x");
        StoredDelivery pending = accepted("audit");

        assertThat(store.deadLetters().delete(pending.id())).isFalse();
        assertThat(store.deadLetters().delete(dead.id())).isTrue();

        assertThat(store.deadLetters().get(dead.id())).isEmpty();
        assertThat(store.deadLetters().list(null, null, 0, 10)).isEmpty();
        assertThat(store.deadLetters().replay(dead.id())).isFalse();
        assertThat(store.deadLetters().delete(dead.id())).isFalse();
    }

    @Test
    void aDeliveryIsFoundByIdWithItsStateThroughEveryChange() throws Exception {
        WorkflowEvent event = event();
        store.accept(event, List.of("audit"));
        HandlerQueue queue = store.queue("audit");
        long id = store.deliveries().list(DeliveryState.PENDING, "audit", null, 0, 10).get(0).id();

        assertRecord(id, DeliveryState.PENDING, 0, null, null, START);
        assertThat(store.deliveries().get(id).orElseThrow().delivery().event()).isEqualTo(event);

        clock.advance(Duration.ofSeconds(1));
        StoredDelivery leased = queue.poll(LONG);
        store.checkWritable(); // a durable store records a lease with its next commit
        assertRecord(id, DeliveryState.IN_FLIGHT, 0, null, null, START.plusSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        queue.settle(leased, Settlement.retryAt(START.plusSeconds(30), "HTTP 503").withStatus(503)).get(5, TimeUnit.SECONDS);
        assertRecord(id, DeliveryState.PENDING, 1, 503, "HTTP 503", START.plusSeconds(2));
        assertThat(store.deliveries().get(id).orElseThrow().delivery().dueAt()).isEqualTo(START.plusSeconds(30));

        clock.advance(Duration.ofSeconds(28));
        StoredDelivery again = queue.poll(LONG);
        queue.settle(again, Settlement.dead("timed out after 10s")).get(5, TimeUnit.SECONDS);
        assertRecord(id, DeliveryState.DEAD, 2, null, "timed out after 10s", START.plusSeconds(30));

        clock.advance(Duration.ofMinutes(1));
        store.deadLetters().replay(id);
        assertRecord(id, DeliveryState.PENDING, 0, null, "timed out after 10s", START.plusSeconds(90));

        queue.settle(queue.poll(LONG), Settlement.dead("HTTP 410").withStatus(410)).get(5, TimeUnit.SECONDS);
        assertThat(store.deadLetters().delete(id)).isTrue();
        assertThat(store.deliveries().get(id)).isEmpty();
        assertThat(store.deliveries().get(999_999L)).isEmpty();
    }

    private void assertRecord(long id, DeliveryState state, int attempts, Integer lastStatus, String lastReason,
            Instant updatedAt) {
        DeliveryRecord record = store.deliveries().get(id).orElseThrow();
        assertThat(record.id()).isEqualTo(id);
        assertThat(record.state()).isEqualTo(state);
        assertThat(record.delivery().handler()).isEqualTo("audit");
        assertThat(record.delivery().attempts()).as("attempts").isEqualTo(attempts);
        assertThat(record.lastStatus()).as("last status").isEqualTo(lastStatus);
        assertThat(record.delivery().lastReason()).as("last reason").isEqualTo(lastReason);
        assertThat(record.updatedAt()).as("updated at").isEqualTo(updatedAt);
    }

    @Test
    void deliveriesAreListedByStateNewestFirstFilteredAndPaged() throws Exception {
        WorkflowEvent both = event();
        store.accept(both, List.of("audit", "slack"));
        clock.advance(Duration.ofSeconds(1));
        WorkflowEvent second = event();
        store.accept(second, List.of("audit"));
        clock.advance(Duration.ofSeconds(1));
        StoredDelivery leased = store.queue("slack").poll(LONG);
        clock.advance(Duration.ofSeconds(1));
        StoredDelivery dead = deadLetter("broken", "gone");
        store.checkWritable(); // a durable store records a lease with its next commit
        Deliveries deliveries = store.deliveries();

        List<DeliveryRecord> pending = deliveries.list(DeliveryState.PENDING, null, null, 0, 10);
        assertThat(pending).extracting(record -> record.delivery().eventId()).containsExactly(second.id(), both.id());
        assertThat(pending).extracting(record -> record.delivery().handler()).containsOnly("audit");
        assertThat(pending).extracting(DeliveryRecord::state).containsOnly(DeliveryState.PENDING);
        assertThat(deliveries.list(DeliveryState.IN_FLIGHT, null, null, 0, 10)).extracting(DeliveryRecord::id)
                .containsExactly(leased.id());
        assertThat(deliveries.list(DeliveryState.DEAD, null, null, 0, 10)).extracting(DeliveryRecord::id)
                .containsExactly(dead.id());

        clock.advance(Duration.ofSeconds(1));
        store.queue("slack").retryAt(leased, clock.instant(), "HTTP 502");
        assertThat(deliveries.list(DeliveryState.PENDING, null, null, 0, 10)).extracting(DeliveryRecord::id)
                .containsExactly(leased.id(), pending.get(0).id(), pending.get(1).id());
        assertThat(deliveries.list(DeliveryState.PENDING, null, null, 1, 1)).extracting(DeliveryRecord::id)
                .containsExactly(pending.get(0).id());
        assertThat(deliveries.list(DeliveryState.PENDING, "slack", null, 0, 10)).extracting(DeliveryRecord::id)
                .containsExactly(leased.id());
        assertThat(deliveries.list(DeliveryState.PENDING, null, both.id(), 0, 10)).extracting(DeliveryRecord::id)
                .containsExactly(leased.id(), pending.get(1).id());
        assertThat(deliveries.list(DeliveryState.DEAD, "audit", null, 0, 10)).isEmpty();
        assertThat(deliveries.list(DeliveryState.IN_FLIGHT, null, null, 0, 10)).isEmpty();
        assertThat(deliveries.list(DeliveryState.PENDING, null, null, 0, 0)).isEmpty();
        assertThatThrownBy(() -> deliveries.list(DeliveryState.DEAD, null, null, 0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyHandlersDeadLettersAreReplayedAtOnce() throws Exception {
        StoredDelivery audit = deadLetter("audit", "x");
        StoredDelivery slack = deadLetter("slack", "y");

        assertThat(store.deadLetters().replayAll()).isEqualTo(2);

        assertThat(store.deadLetters().list(null, null, 0, 10)).isEmpty();
        assertThat(store.queue("audit").poll(LONG).id()).isEqualTo(audit.id());
        assertThat(store.queue("slack").poll(LONG).id()).isEqualTo(slack.id());
        assertThat(store.deadLetters().replayAll()).isZero();
    }

    @Test
    void deadLettersNamedByIdAreReplayedAndTheOtherIdsAreNamedWithTheirState() throws Exception {
        StoredDelivery dead = deadLetter("audit", "x");
        StoredDelivery leased = accepted("audit");
        store.checkWritable(); // a durable store records a lease with its next commit

        IdReplay.Outcome outcome = IdReplay.replay(store, List.of(dead.id(), 999_999L, leased.id(), dead.id()));

        assertThat(outcome.replayed()).isEqualTo(1);
        assertThat(outcome.skipped()).containsExactly(new IdReplay.Skipped(999_999L, null),
                new IdReplay.Skipped(leased.id(), DeliveryState.IN_FLIGHT));
        assertThat(outcome.skipped()).extracting(IdReplay.Skipped::reason)
                .containsExactly("no such delivery", "not a dead letter (in_flight)");
        assertThat(store.deliveries().get(dead.id()).orElseThrow().state()).isEqualTo(DeliveryState.PENDING);
    }

    @Test
    void aFullBacklogRefusesTheWholeEventAndNamesTheHandler() throws Exception {
        reopen(new BacklogLimits(10, Map.of("slow", 2L)));
        store.accept(event(), List.of("slow", "fast"));
        store.accept(event(), List.of("slow", "fast"));

        assertThatThrownBy(() -> store.accept(event(), List.of("fast", "slow")))
                .isInstanceOfSatisfying(StoreFullException.class, full -> {
                    assertThat(full.handler()).isEqualTo("slow");
                    assertThat(full.limit()).isEqualTo(2);
                })
                .hasMessageContaining("slow");

        assertThat(store.queue("fast").backlog()).isEqualTo(2);
        assertThat(drain("fast")).hasSize(2);
        StoredDelivery slow = store.queue("slow").poll(LONG);
        store.queue("slow").delivered(slow);
        store.accept(event(), List.of("slow"));
        assertThat(store.queue("slow").backlog()).isEqualTo(2);
    }

    @Test
    void theBacklogCountsPendingAndLeasedDeliveriesUntilTheyAreSettled() throws Exception {
        HandlerQueue queue = store.queue("audit");
        store.accept(event(), List.of("audit", "audit"));
        store.accept(event(), List.of("audit"));
        assertThat(queue.backlog()).isEqualTo(2);

        StoredDelivery leased = queue.poll(LONG);
        assertThat(queue.backlog()).isEqualTo(2);
        queue.retryAt(leased, clock.instant(), "again");
        assertThat(queue.backlog()).isEqualTo(2);
        queue.delivered(queue.poll(LONG));
        queue.deadLetter(queue.poll(LONG), "no");
        assertThat(queue.backlog()).isZero();
    }

    @Test
    void aDeliveryIsSettledOnceAndOnlyByItsQueue() throws Exception {
        StoredDelivery delivery = accepted("audit");
        assertThatThrownBy(() -> store.queue("slack").delivered(delivery)).isInstanceOf(IllegalStateException.class);

        store.queue("audit").delivered(delivery);

        assertThatThrownBy(() -> store.queue("audit").delivered(delivery)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.queue("audit").retryAt(delivery, START, "x"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.queue("audit").backlog()).isZero();
    }

    @Test
    void anEventWithoutAnIdIsRefused() {
        WorkflowEvent anonymous = WorkflowEvent.builder("workflow_start").build();
        assertThatThrownBy(() -> store.accept(anonymous, List.of("audit"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.queue("audit").backlog()).isZero();
    }

    @Test
    void closingTheStoreStopsAWaitingTaker() throws Exception {
        ExecutorService taker = Executors.newSingleThreadExecutor();
        try {
            Future<StoredDelivery> taken = taker.submit(() -> store.queue("audit").take());
            Thread.sleep(50);
            store.close();
            assertThatThrownBy(() -> taken.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> store.accept(event(), List.of("audit"))).isInstanceOf(IllegalStateException.class);
        } finally {
            taker.shutdownNow();
        }
    }

    @Test
    void manyAcceptorsAndTakersHandOutEveryDeliveryExactlyOnce() throws Exception {
        reopen(BacklogLimits.of(BacklogLimits.DEFAULT_LIMIT));
        int acceptors = 8;
        int eventsEach = 100;
        List<String> handlers = List.of("audit", "slack");
        Map<String, Set<Long>> taken = new ConcurrentHashMap<>();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger settled = new AtomicInteger();
        int expected = acceptors * eventsEach * handlers.size();
        ExecutorService pool = Executors.newFixedThreadPool(acceptors + 3 * handlers.size());
        CountDownLatch done = new CountDownLatch(1);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int a = 0; a < acceptors; a++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < eventsEach; i++) {
                        store.accept(event(), handlers);
                    }
                    return null;
                }));
            }
            for (String handler : handlers) {
                for (int t = 0; t < 3; t++) {
                    work.add(pool.submit(() -> {
                        HandlerQueue queue = store.queue(handler);
                        while (done.getCount() > 0) {
                            StoredDelivery delivery = queue.poll(Duration.ofMillis(50));
                            if (delivery == null) {
                                continue;
                            }
                            if (!taken.computeIfAbsent(handler, h -> ConcurrentHashMap.newKeySet()).add(delivery.id())) {
                                duplicates.incrementAndGet();
                            }
                            queue.delivered(delivery);
                            if (settled.incrementAndGet() == expected) {
                                done.countDown();
                            }
                        }
                        return null;
                    }));
                }
            }
            assertThat(done.await(20, TimeUnit.SECONDS)).as("all %d deliveries settled", expected).isTrue();
            for (Future<?> future : work) {
                future.get(5, TimeUnit.SECONDS);
            }
        } finally {
            done.countDown();
            pool.shutdownNow();
        }
        assertThat(duplicates).hasValue(0);
        for (String handler : handlers) {
            assertThat(taken.get(handler)).hasSize(acceptors * eventsEach);
            assertThat(store.queue(handler).backlog()).isZero();
        }
    }

    @Test
    void pipelinedAcceptsAreToldBeforeTheyAreVisibleAndBecomeDurableInOrder() throws Exception {
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<java.util.concurrent.CompletableFuture<Void>> accepted = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            WorkflowEvent event = event();
            accepted.add(store.acceptAsync(event, List.of("audit"), null, () -> order.add(event.id())));
            accepted.get(i).thenRun(() -> order.add("durable " + event.id()));
        }
        java.util.concurrent.CompletableFuture.allOf(accepted.toArray(java.util.concurrent.CompletableFuture[]::new))
                .get(5, TimeUnit.SECONDS);

        List<StoredDelivery> taken = drain("audit");
        assertThat(taken).hasSize(50);
        List<String> durable = order.stream().filter(entry -> entry.startsWith("durable ")).toList();
        assertThat(durable).containsExactlyElementsOf(taken.stream().map(d -> "durable " + d.eventId()).toList());
        assertThat(order.indexOf(taken.get(0).eventId())).isLessThan(order.indexOf("durable " + taken.get(0).eventId()));
    }

    @Test
    void aFullBacklogRefusesAPipelinedAcceptBeforeTellingAnyone() throws Exception {
        reopen(BacklogLimits.of(1));
        store.acceptAsync(event(), List.of("audit"), null, () -> { }).get(5, TimeUnit.SECONDS);
        AtomicInteger told = new AtomicInteger();
        assertThatThrownBy(() -> store.acceptAsync(event(), List.of("audit"), null, told::incrementAndGet))
                .isInstanceOf(StoreFullException.class);
        assertThat(told).hasValue(0);
        assertThat(store.backlogs()).containsExactly(Map.entry("audit", 1L));
    }

    @Test
    void anAsyncSettleCompletesAndTheDeliveryLeavesTheBacklog() throws Exception {
        StoredDelivery delivery = accepted("audit");
        store.queue("audit").settle(delivery, Settlement.dead("HTTP 404").withStatus(404)).get(5, TimeUnit.SECONDS);

        assertThat(store.queue("audit").backlog()).isZero();
        assertThat(store.backlogs()).isEmpty();
        assertThat(store.deadLetters().get(delivery.id()).orElseThrow().delivery().lastReason()).isEqualTo("HTTP 404");
        store.checkWritable();
    }

    @Test
    void backlogsNameEveryHandlerWithDeliveriesWaiting() throws Exception {
        store.accept(event(), List.of("audit", "slack"));
        store.accept(event(), List.of("audit"));
        assertThat(store.backlogs()).containsExactly(Map.entry("audit", 2L), Map.entry("slack", 1L));
    }

    StoredDelivery accepted(String handler) throws Exception {
        store.accept(event(), List.of(handler));
        return store.queue(handler).poll(LONG);
    }

    StoredDelivery deadLetter(String handler, String reason) throws Exception {
        StoredDelivery delivery = accepted(handler);
        store.queue(handler).deadLetter(delivery, reason);
        return delivery;
    }

    List<StoredDelivery> drain(String handler) throws InterruptedException {
        List<StoredDelivery> drained = new ArrayList<>();
        StoredDelivery next;
        while ((next = store.queue(handler).poll(SHORT)) != null) {
            drained.add(next);
        }
        return drained;
    }

    static List<Long> ids(List<DeadLetter> dead) {
        return dead.stream().map(letter -> letter.delivery().id()).toList();
    }
}
