package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The delivery store contract, for the memory store, and what only it does. */
class MemoryStoreTest extends DeliveryStoreContract {

    @Override
    protected DeliveryStore open(ManualClock clock, BacklogLimits limits) {
        return new MemoryStore(clock, limits);
    }

    @Test
    void aDeliveredDeliveryIsNotKept() throws Exception {
        store.accept(event(), List.of("audit"));
        StoredDelivery delivery = store.queue("audit").poll(LONG);
        assertThat(store.deliveries().get(delivery.id())).isPresent();

        store.queue("audit").delivered(delivery);

        assertThat(store.deliveries().get(delivery.id())).isEmpty();
        assertThat(store.deliveries().list(DeliveryState.DELIVERED, null, null, 0, 10)).isEmpty();
    }
}
