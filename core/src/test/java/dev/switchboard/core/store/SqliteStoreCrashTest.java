package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process holding the store is killed (as by {@code kill -9}); nothing it acknowledged is lost. */
class SqliteStoreCrashTest {

    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    void nothingAcknowledgedIsLostWhenTheProcessHoldingTheStoreIsKilled() throws Exception {
        Path file = dir.resolve("data").resolve("switchboard.db");
        Set<String> acked = new HashSet<>();
        Set<String> delivered = new HashSet<>();
        Map<String, Long> retries = new HashMap<>();
        Set<String> leased = new HashSet<>();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingStoreHolder.class.getName(), file.toString())
                .redirectError(dir.resolve("child.err").toFile())
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the child opened the store (see child.err)").isEqualTo("open");
            assertThatThrownBy(() -> SqliteStore.at(file).open()).as("another process holds the data folder")
                    .isInstanceOf(StoreException.class).hasMessageContaining("in use by another Switchboard");
            while (acked.size() < ACKS_BEFORE_KILL) {
                String[] line = out.readLine().split(" ");
                switch (line[0]) {
                    case "ack" -> acked.add(line[1]);
                    case "done" -> delivered.add(line[1]);
                    case "retry" -> retries.put(line[1], Long.parseLong(line[2]));
                    default -> leased.add(line[1]);
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }

        ManualClock clock = new ManualClock(Instant.now());
        try (SqliteStore store = SqliteStore.at(file).clock(clock).open()) {
            HandlerQueue queue = store.queue("audit");
            Set<String> dueNow = drain(queue);
            assertThat(dueNow).as("delivered ones are not sent again").doesNotContainAnyElementsOf(delivered);
            assertThat(dueNow).as("retries are not sent before their time").doesNotContainAnyElementsOf(retries.keySet());
            assertThat(dueNow).as("deliveries in flight at the kill are resumed").containsAll(leased);

            clock.advance(Duration.ofHours(1).plusMinutes(1));
            Map<String, Long> retried = new HashMap<>();
            StoredDelivery next;
            while ((next = queue.poll(Duration.ofMillis(200))) != null) {
                retried.put(next.eventId(), next.dueAt().toEpochMilli());
                assertThat(next.attempts()).isEqualTo(1);
            }
            assertThat(retried).containsAllEntriesOf(retries);

            Set<String> found = new HashSet<>(dueNow);
            found.addAll(retried.keySet());
            found.addAll(delivered);
            assertThat(found).as("every acknowledged event is delivered or still to deliver").containsAll(acked);
        }
    }

    private static Set<String> drain(HandlerQueue queue) throws InterruptedException {
        Set<String> ids = new HashSet<>();
        StoredDelivery next;
        while ((next = queue.poll(Duration.ofMillis(200))) != null) {
            ids.add(next.eventId());
        }
        return ids;
    }
}
