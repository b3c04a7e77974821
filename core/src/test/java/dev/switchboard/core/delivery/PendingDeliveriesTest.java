package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PendingDeliveriesTest {

    @Test
    void aWaiterBelowTheLimitReturnsAtOnceAndOneAboveItWakesOnceBelowTheResumeMark() throws Exception {
        PendingDeliveries pending = new PendingDeliveries();
        for (int i = 0; i < 10; i++) {
            pending.add();
        }
        assertThat(pending.awaitBelow(11, 5, Duration.ZERO)).isTrue();
        assertThat(pending.awaitBelow(10, 5, Duration.ofMillis(20))).isFalse();

        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return pending.awaitBelow(10, 5, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(50);
        assertThat(waiter).isNotDone();
        for (int i = 0; i < 5; i++) {
            pending.done();
        }
        Thread.sleep(50);
        assertThat(waiter).isNotDone();
        pending.done();
        assertThat(waiter.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(pending.count()).isEqualTo(4);
    }
}
