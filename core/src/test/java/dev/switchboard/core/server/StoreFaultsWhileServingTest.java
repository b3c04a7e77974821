package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.ScriptedReceiver;
import dev.switchboard.core.testing.ServiceProcess;
import dev.switchboard.core.testing.Shell;
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
 * child process, a small tmpfs where root may mount one) and a store file made read-only while it
 * is open ({@code chattr +i}). Ingest answers 503 with the reason and {@code Retry-After},
 * {@code /readyz} fails, every event answered 202 reaches the receiver, and once the store can
 * write again, both are back to normal.
 */
class StoreFaultsWhileServingTest {

    static final Duration PATIENCE = Duration.ofSeconds(10);
    static final String PADDING = "x".repeat(8_000);

    @TempDir
    Path dir;

    Path data() {
        return dir.resolve("data");
    }

    Path db() {
        return data().resolve("switchboard.db");
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
                HttpResponse<String> refused = null;
                for (int seq = 0; seq < 2_000 && refused == null; seq++) {
                    HttpResponse<String> answer = service.postJson("/v1/events", event(seq));
                    if (answer.statusCode() == 202) {
                        accepted.add(ServiceClient.json(answer).get("ids").get(0).asText());
                    } else {
                        refused = answer;
                    }
                }
                assertThat(refused).as("a 1 MiB limit fills up within 2,000 events of 8 kB").isNotNull();
                assertThat(accepted).as("events fit before the limit").isNotEmpty();
                // Now not even the few kB a readiness probe writes fit (they might below 1 MiB).
                assertThat(fileSizeLimit(child, "65536:")).isTrue();
                assertStoreUnavailable(service, refused);

                List<String> delivered = receiver.await(accepted.size(), PATIENCE).stream()
                        .map(ScriptedReceiver.Arrival::webhookId).toList();
                assertThat(delivered).as("every event answered 202 is delivered").containsAll(accepted);

                assertThat(fileSizeLimit(child, "unlimited:")).isTrue();
                assertReadyAgain(service);
                HttpResponse<String> again = service.postJson("/v1/events", event(-1));
                assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
                String id = ServiceClient.json(again).get("ids").get(0).asText();
                ServiceClient.await("the event accepted after the fault is delivered",
                        () -> receiver.arrivals().stream().anyMatch(arrival -> id.equals(arrival.webhookId())));

                assertThat(child.stop(PATIENCE)).as(String.join("\n", child.stderr())).isZero();
                assertThat(child.stderr()).noneMatch(line -> line.startsWith("Exception in thread"))
                        .contains("switchboard: stopped; every delivery finished");
            }
        }
    }

    private static boolean fileSizeLimit(ServiceProcess child, String softAndHard) throws InterruptedException {
        return Shell.run("prlimit", "--pid", Long.toString(child.pid()), "--fsize=" + softAndHard);
    }

    /** The 503 of a store that cannot write, then {@code /readyz} saying so. */
    private void assertStoreUnavailable(ServiceClient service, HttpResponse<String> refused) throws Exception {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode body = ServiceClient.json(refused);
        assertThat(body.get("error").asText()).startsWith("the delivery store cannot write (" + db())
                .endsWith("no event was accepted, send the rest again later");
        assertThat(body.get("accepted").asInt()).isZero();

        HttpResponse<String> readiness = service.get("/readyz");
        assertThat(readiness.statusCode()).isEqualTo(503);
        JsonNode ready = ServiceClient.json(readiness);
        assertThat(ready.get("status").asText()).isEqualTo("store_unavailable");
        assertThat(ready.get("reason").asText()).startsWith(db().toString());
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
}
