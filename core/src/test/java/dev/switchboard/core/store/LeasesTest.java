package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.WorkflowEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A queue's leases: each settled once, and the end of one settle never ends a later lease of the same delivery. */
class LeasesTest {

    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    final StoredDelivery first = new StoredDelivery(7, WorkflowEvent.builder("error").id("e-7").build(), "audit", 0,
            NOW, null);

    /**
     * A retry committed by the store may be due, and leased again, before the writer has told the
     * queue that its settle ended (the shared store: its lane claims it at once): ending that settle
     * must leave the new lease alone, or its renewal stops and another runtime sends it again.
     */
    @Test
    void endingASettleDoesNotEndALaterLeaseOfTheSameDelivery() {
        Leases leases = new Leases("audit");
        leases.lease(first);
        leases.beginSettle(first);
        StoredDelivery retry = first.retried(NOW.plusSeconds(1), "HTTP 503");
        leases.lease(retry);

        leases.endSettle(first, true);

        assertThat(leases.holds(7)).isTrue();
        assertThat(leases.ids()).containsExactly(7L);
        leases.beginSettle(retry);
        leases.endSettle(retry, true);
        assertThat(leases.holds(7)).isFalse();
    }

    @Test
    void onlyTheDeliveryAsHandedOutIsSettledAndOnlyOnce() {
        Leases leases = new Leases("audit");
        leases.lease(first);
        StoredDelivery copy = new StoredDelivery(7, first.event(), "audit", 0, NOW, null);

        assertThatThrownBy(() -> leases.beginSettle(copy)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is not leased");
        leases.beginSettle(first);
        assertThatThrownBy(() -> leases.beginSettle(first)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already being settled");
    }
}
