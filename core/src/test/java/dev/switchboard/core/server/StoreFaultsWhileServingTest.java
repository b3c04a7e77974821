package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.ScriptedReceiver;
import dev.switchboard.core.testing.ServiceProcess;
import dev.switchboard.core.testing.Shell;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store faults of a running service, each made for real: a full disk (a file-size limit on a
 * child process; a small tmpfs where root may mount one) and store files made immutable while they
 * are open ({@code chattr +i}). Ingest answers 503 with the reason and {@code Retry-After},
 * {@code /readyz} fails, every event answered 202 reaches the receiver, an attempt in flight
 * finishes, and once the store can write again both are back to normal.
 */
class StoreFaultsWhileServingTest {

    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final String PADDING = "x".repeat(8_000);
    /** Readiness probes the store no sooner than a second after the last failed write. */
    static final long PROBE_DELAY_MILLIS = 1_000;

    @TempDir
    Path dir;

    Path data() {
        return dir.resolve("data");
    }

    Path db() {
        return data().resolve("switchboard.db");
    }

    Path wal() {
        return data().resolve("switchboard.db-wal");
    }

    static String config(ScriptedReceiver receiver) {
        return "version: 1\nserver:\n  timeouts: {drain: 0s, shutdown: 10s}\nhandlers:\n  - name: audit\n"
                + "    type: posting\n    events: [\"*\"]\n    retry: {attempts: 3, backoff: 1s}\n    config:\n"
                + "      url: " + receiver.url() + "\n";
    }

    static String event(int seq) {
        return "{\"event_type\": \"step_complete\", \"session_id\": \"s-1\", \"data\": {\"seq\": " + seq
                + ", \"padding\": \"" + PADDING + "\"}}";
    }

    /**
     * A full disk, for real: the service runs as a child process, given a file-size limit once it
     * serves ({@code prlimit --fsize}, as {@code ulimit -f} but from outside) that the store's log
     * outgrows; lifting the limit is the disk getting room again. (Not {@code ulimit} at start: the
     * SQLite driver unpacks its native library, over 1 MB, at start.)
     */
    @Test
    void aFullDiskAnswers503WithTheReasonLosesNothingAcceptedAndRecoversWhenThereIsRoomAgain() throws Exception {
        assumeThat(Shell.run("prlimit", "--version")).as("prlimit (util-linux) sets the child's limit").isTrue();
        Path config = Files.writeString(dir.resolve("handlers.yaml"), "");
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            Files.writeString(config, config(receiver));
            try (ServiceProcess child = ServiceProcess.start(dir.resolve("service.err"), Duration.ofSeconds(30),
                    "--config", config.toString(), "--plugins", plugins.toString(), "--data", data().toString())) {
                ServiceClient service = new ServiceClient(child.uri());
                assertThat(fileSizeLimit(child, "1048576:")).as("a soft limit of 1 MiB").isTrue();
                List<String> accepted = new ArrayList<>();
                HttpResponse<String> refused = postUntilRefused(service, accepted, 2_000);
                // Now not even the few kB a readiness probe writes fit (they might below 1 MiB).
                assertThat(fileSizeLimit(child, "65536:")).isTrue();

                assertStoreUnavailable(service, refused, db(), "I/O error (a full disk, a file-size limit");
                assertDelivered(receiver, accepted);

                assertThat(fileSizeLimit(child, "unlimited:")).isTrue();
                assertReadyAgain(service);
                assertAcceptedAndDelivered(service, receiver);

                assertThat(child.stop(PATIENCE)).as(String.join("\n", child.stderr())).isZero();
                assertThat(child.stderr()).noneMatch(line -> line.startsWith("Exception in thread"))
                        .contains("switchboard: stopped; every delivery finished");
            }
        }
    }

    private static boolean fileSizeLimit(ServiceProcess child, String softAndHard) throws InterruptedException {
        return Shell.run("prlimit", "--pid", Long.toString(child.pid()), "--fsize=" + softAndHard);
    }

    /**
     * A full file system, for real, where root may mount a small tmpfs: the store fills it up (SQLite
     * reports a full disk), and deleting a file frees room again.
     */
    @Test
    void aFullFileSystemAnswers503UntilRoomIsFreed() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        assumeThat(Shell.run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", small.toString()))
                .as("mounting a small tmpfs (root, outside a restricted container)").isTrue();
        Path data = small.resolve("data");
        try (ScriptedReceiver receiver = new ScriptedReceiver();
             TestService service = TestService.startOn(data, config(receiver))) {
            List<String> accepted = new ArrayList<>(List.of(accept(service, 0), accept(service, 1)));
            Path ballast = fillUp(small);
            HttpResponse<String> refused = postUntilRefused(service, accepted, 500);

            assertStoreUnavailable(service, refused, data.resolve("switchboard.db"), "the disk or file-size limit is full");
            assertDelivered(receiver, accepted);

            Files.delete(ballast);
            assertReadyAgain(service);
            assertAcceptedAndDelivered(service, receiver);
        } finally {
            Shell.run("umount", "-l", small.toString());
        }
    }

    /** Writes a file until the file system is full. @return the file */
    private static Path fillUp(Path folder) throws IOException {
        Path ballast = folder.resolve("ballast");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(ballast)) {
            for (int i = 0; i < 1_000; i++) {
                out.write(block);
            }
            throw new AssertionError("64 MB fitted in a 4 MB file system");
        } catch (IOException full) {
            assertThat(full).hasMessageContaining("No space left on device");
        }
        return ballast;
    }

    /**
     * The store's files made immutable while it serves ({@code chattr +i}, which stops root too, and
     * the file handles already open): writes fail until the files are writable again.
     */
    @Test
    void aStoreMadeImmutableWhileServingAnswers503UntilItIsWritableAgain() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver();
             TestService service = TestService.startOn(data(), config(receiver))) {
            assertAcceptedAndDelivered(service, receiver);
            assertThat(service.server.switchboard().awaitIdle(PATIENCE)).as("its outcome is stored").isTrue();
            try {
                assumeThat(Shell.run("chattr", "+i", db().toString(), wal().toString()))
                        .as("chattr +i (root, on a file system with the immutable flag)").isTrue();
                HttpResponse<String> refused = service.postJson("/v1/events", event(1));
                assertStoreUnavailable(service, refused, db(), "switchboard.db is not writable (read-only or immutable)");
                assertThat(ServiceClient.json(service.get("/v1/sessions/s-1")).get("event_count").asInt())
                        .as("the sessions view shows the accepted event only").isEqualTo(1);
                Thread.sleep(PROBE_DELAY_MILLIS + 200);
                assertThat(service.get("/readyz").statusCode()).as("the probe a second later fails too").isEqualTo(503);
            } finally {
                Shell.run("chattr", "-i", db().toString(), wal().toString());
            }
            assertReadyAgain(service);
            assertAcceptedAndDelivered(service, receiver);
            assertThat(receiver.arrivals()).as("the two accepted events, not the refused one").hasSize(2);
        }
    }

    /**
     * An attempt in flight when the store stops writing finishes: the receiver answers it while
     * ingest answers 503. Its outcome cannot be stored, so the store still has it in flight, and the
     * next start delivers it again, with the same {@code webhook-id}: never lost.
     */
    @Test
    void anAttemptInFlightWhenTheStoreFailsFinishesAndTheNextStartDeliversItAgain() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            String id;
            try (TestService service = TestService.startOn(data(), config(receiver))) {
                receiver.hold();
                id = accept(service, 0);
                receiver.await(1, PATIENCE);
                try {
                    assumeThat(Shell.run("chattr", "+i", db().toString(), wal().toString()))
                            .as("chattr +i (root, on a file system with the immutable flag)").isTrue();
                    assertThat(service.postJson("/v1/events", event(1)).statusCode()).isEqualTo(503);
                    receiver.release();
                    assertThat(service.server.switchboard().awaitIdle(PATIENCE)).as("the attempt finished").isTrue();
                    assertThat(service.server.switchboard().stats().get(0).delivered()).isEqualTo(1);
                    service.close(Duration.ZERO);
                } finally {
                    Shell.run("chattr", "-i", db().toString(), wal().toString());
                }
            }
            try (TestService restarted = TestService.startOn(data(), config(receiver))) {
                assertThat(restarted.server.switchboard().awaitIdle(PATIENCE)).isTrue();
            }
            assertThat(receiver.arrivals()).as("the accepted event twice, the refused one never").hasSize(2)
                    .extracting(ScriptedReceiver.Arrival::webhookId).containsOnly(id);
        }
    }

    /** Posts events one at a time until one is refused. @return the refusal */
    private static HttpResponse<String> postUntilRefused(ServiceClient service, List<String> accepted, int atMost)
            throws Exception {
        for (int seq = 0; seq < atMost; seq++) {
            HttpResponse<String> answer = service.postJson("/v1/events", event(seq));
            if (answer.statusCode() != 202) {
                return answer;
            }
            accepted.add(ServiceClient.json(answer).get("ids").get(0).asText());
        }
        throw new AssertionError("the store took " + atMost + " events of 8 kB");
    }

    /** The 503 of a store that cannot write, then {@code /readyz} saying so. */
    private static void assertStoreUnavailable(ServiceClient service, HttpResponse<String> refused, Path db,
                                               String why) throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = ServiceClient.json(refused);
        assertThat(body.get("error").asText()).startsWith("the delivery store cannot write (" + db + ": ")
                .contains(why).endsWith("no event was accepted, send the rest again later");
        assertThat(body.get("accepted").asInt()).isZero();

        HttpResponse<String> readiness = service.get("/readyz");
        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode ready = ServiceClient.json(readiness);
        assertThat(ready.get("status").asText()).isEqualTo("store_unavailable");
        assertThat(ready.get("reason").asText()).startsWith(db + ": ");
    }

    private static void assertDelivered(ScriptedReceiver receiver, List<String> accepted) throws Exception {
        assertThat(accepted).isNotEmpty();
        List<String> delivered = receiver.await(accepted.size(), PATIENCE).stream()
                .map(ScriptedReceiver.Arrival::webhookId).toList();
        assertThat(delivered).as("every event answered 202 is delivered").containsAll(accepted);
    }

    /** {@code /readyz} rechecks the store at most once a second; it must be ready again within a few. */
    private static void assertReadyAgain(ServiceClient service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<String> readiness = service.get("/readyz");
        while (readiness.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            readiness = service.get("/readyz");
        }
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    }

    private static void assertAcceptedAndDelivered(ServiceClient service, ScriptedReceiver receiver) throws Exception {
        String id = accept(service, -1);
        ServiceClient.await("event " + id + " is delivered",
                () -> receiver.arrivals().stream().anyMatch(arrival -> id.equals(arrival.webhookId())));
    }

    /** @return the id of the event, accepted */
    private static String accept(ServiceClient service, int seq) throws Exception {
        HttpResponse<String> answer = service.postJson("/v1/events", event(seq));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return ServiceClient.json(answer).get("ids").get(0).asText();
    }
}
