package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.StoreException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Readiness of the store on a manual clock: when it probes with a small write, and what it reports. */
class StoreHealthTest {

    static final long SECOND = 1_000_000_000L;

    final DeliveryStore store = mock(DeliveryStore.class);
    final AtomicLong now = new AtomicLong(-7 * SECOND);
    final StoreHealth health = new StoreHealth(store, now::get);

    @Test
    void aStoreThatNeverFailedIsHealthyWithoutAProbe() {
        assertThat(health.problem()).isNull();
        verify(store, times(0)).checkWritable();
    }

    @Test
    void aFailedWriteIsReportedAsItIsForASecondAfterEveryFailure() {
        health.failed(new StoreException("db: disk full"));
        now.addAndGet(SECOND - 1);
        assertThat(health.problem()).isEqualTo("db: disk full");

        health.failed(new StoreException("db: disk full again"));
        now.addAndGet(SECOND / 2);
        assertThat(health.problem()).as("a small write might fit where events do not").isEqualTo("db: disk full again");
        verify(store, times(0)).checkWritable();
    }

    @Test
    void aSecondAfterTheLastFailureAProbeDecidesAtMostOnceASecond() {
        doThrow(new StoreException("db: read-only")).when(store).checkWritable();
        health.failed(new StoreException("db: disk full"));
        now.addAndGet(SECOND);
        assertThat(health.problem()).isEqualTo("db: read-only");
        now.addAndGet(SECOND - 1);
        assertThat(health.problem()).isEqualTo("db: read-only");
        verify(store, times(1)).checkWritable();

        doNothing().when(store).checkWritable();
        now.addAndGet(1);
        assertThat(health.problem()).isNull();
        assertThat(health.problem()).isNull();
        verify(store, times(2)).checkWritable();
    }

    @Test
    void aClosedStoreIsNotReady() {
        doThrow(new IllegalStateException("closed")).when(store).checkWritable();
        health.failed(new StoreException("db: disk full"));
        now.addAndGet(SECOND);
        assertThat(health.problem()).isEqualTo("the delivery store is closed");
    }
}
