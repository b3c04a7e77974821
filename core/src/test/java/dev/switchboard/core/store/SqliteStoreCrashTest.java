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
        Set<String> kept = new HashSet<>();
        Set<String> settling = new HashSet<>();
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
                record(out.readLine(), acked, delivered, retries, kept, settling);
            }
            // Through the handle: Process.destroyForcibly would also close the pipe still to be read.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // The child went on working until the kill landed: what it printed until then counts too.
            String line;
            while ((line = out.readLine()) != null) {
                record(line, acked, delivered, retries, kept, settling);
            }
        } finally {
            child.destroyForcibly();
        }
        assertThat(settling).as("only the settle under way at the kill has no outcome").hasSizeLessThanOrEqualTo(1);

        ManualClock clock = new ManualClock(Instant.now());
        try (SqliteStore store = SqliteStore.at(file).clock(clock).open()) {
            HandlerQueue queue = store.queue("audit");
            Set<String> dueNow = drain(queue);
            assertThat(dueNow).as("delivered ones are not sent again").doesNotContainAnyElementsOf(delivered);
            assertThat(dueNow).as("retries are not sent before their time").doesNotContainAnyElementsOf(retries.keySet());
            assertThat(dueNow).as("deliveries in flight at the kill are resumed").containsAll(kept);

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
            // A settle that committed just before the kill, but was not printed, may have delivered it.
            found.addAll(settling);
            assertThat(found).as("every acknowledged event is delivered or still to deliver").containsAll(acked);
        }
    }

    private static void record(String line, Set<String> acked, Set<String> delivered, Map<String, Long> retries,
            Set<String> kept, Set<String> settling) {
        String[] word = line.split(" ");
        switch (word[0]) {
            case "ack" -> acked.add(word[1]);
            case "keep" -> kept.add(word[1]);
            case "settle" -> settling.add(word[1]);
            case "done" -> {
                settling.remove(word[1]);
                delivered.add(word[1]);
            }
            case "retry" -> {
                settling.remove(word[1]);
                retries.put(word[1], Long.parseLong(word[2]));
            }
            default -> throw new AssertionError("the child printed an unexpected line: " + line);
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
