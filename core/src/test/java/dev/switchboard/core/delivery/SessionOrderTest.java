package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.store.StoredDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@code ordering: session} when the lane knows nothing of a session (after a restart): the order
 * comes from what the store says is unfinished, on a manual nanosecond clock.
 */
class SessionOrderTest {

    /** What the store holds unfinished, by session. */
    private final Map<String, TreeSet<Long>> unfinished = new TreeMap<>();
    private final AtomicLong nanos = new AtomicLong();
    private int lookups;
    private final SessionOrder order = new SessionOrder((session, before) -> {
        lookups++;
        TreeSet<Long> ids = unfinished.get(session);
        return ids == null ? List.of() : List.copyOf(ids.headSet(before));
    }, nanos::get);

    private StoredDelivery delivery(long id, String session) {
        unfinished.computeIfAbsent(session, s -> new TreeSet<>()).add(id);
        WorkflowEvent event = WorkflowEvent.builder("step_complete").id("event-" + id)
                .timestamp("2025-11-12T10:30:45").sessionId(session).build();
        return new StoredDelivery(id, event, "hook", 0, Instant.EPOCH, null);
    }

    /** The delivery ends here and its settlement becomes durable in the store. */
    private void finish(StoredDelivery delivery) {
        order.ended(delivery);
        unfinished.get(delivery.event().sessionId()).remove(delivery.id());
        order.durable(delivery);
    }

    @Test
    void aLaterDeliveryWaitsForEarlierOnesTheStoreStillHasAfterARestartInAcceptanceOrder() {
        StoredDelivery first = delivery(1, "s1");
        StoredDelivery second = delivery(2, "s1");
        StoredDelivery third = delivery(3, "s1");
        StoredDelivery elsewhere = delivery(4, "s2");

        assertThat(order.admit(third)).as("due first after the restart, but 1 and 2 are unfinished").isFalse();
        assertThat(order.admit(elsewhere)).as("another session is not held").isTrue();
        assertThat(order.admit(first)).as("the one the session waited for").isTrue();
        finish(first);
        assertThat(order.nextReady()).as("2 is still unfinished in the store (waiting for its retry)").isNull();

        assertThat(order.admit(second)).isTrue();
        finish(second);
        assertThat(order.nextReady()).isSameAs(third);
        finish(third);
        assertThat(order.nextReady()).isNull();
    }

    @Test
    void aSessionTheStoreHasNothingEarlierOfGoesAtOnceWithOneLookup() {
        StoredDelivery first = delivery(1, "s1");

        assertThat(order.admit(first)).isTrue();
        assertThat(lookups).isEqualTo(1);
        StoredDelivery second = delivery(2, "s1");
        assertThat(order.admit(second)).as("the session is known: parked without asking").isFalse();
        assertThat(lookups).isEqualTo(1);
        finish(first);
        assertThat(order.nextReady()).isSameAs(second);
    }

    @Test
    void aDeliveryEndedHereWhoseSettlementIsNotYetDurableDoesNotHoldItsSessionsNext() {
        StoredDelivery first = delivery(1, "s1");
        assertThat(order.admit(first)).isTrue();
        order.ended(first); // the store still shows it in flight until the commit

        assertThat(order.admit(delivery(2, "s1"))).isTrue();
    }

    @Test
    void anEarlierDeliveryThatNeverComesHereIsLookedUpAgainAndReleasesTheNextWhenItIsGone() {
        delivery(1, "s1"); // leased by another runtime, say: it never comes to this lane
        StoredDelivery second = delivery(2, "s1");
        assertThat(order.admit(second)).isFalse();

        nanos.addAndGet(900_000_000L);
        assertThat(order.nextReady()).isNull();
        unfinished.get("s1").remove(1L); // the other runtime delivered it
        assertThat(order.nextReady()).as("not looked up again before a second").isNull();
        nanos.addAndGet(200_000_000L);

        assertThat(order.nextReady()).isSameAs(second);
    }
}
