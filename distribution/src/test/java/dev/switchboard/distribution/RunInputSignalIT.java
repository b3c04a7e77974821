package dev.switchboard.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code run --input} stopped by SIGTERM or Ctrl-C (SIGINT): it ends as serving does, with a summary. */
class RunInputSignalIT {

    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String EVENT = "{\"event_type\": \"step_complete\", \"session_id\": \"s-%d\", \"spec_name\": \"r\"}\n";

    @TempDir
    Path work;

    @RegisterExtension
    final WireMockExtension receiver = Receiver.local();

    private Path config(String path, int concurrency, String shutdownGrace) throws Exception {
        return Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: hook
                    type: webhook
                    events: ["*"]
                    concurrency: %d
                    config: {url: "http://127.0.0.1:%d%s"}
                server:
                  timeouts: {shutdown: %s}
                """.formatted(concurrency, receiver.getPort(), path, shutdownGrace));
    }

    private void awaitRequests(String path, int count, Launcher.Running run) throws Exception {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (receiver.findAll(postRequestedFor(urlEqualTo(path))).size() < count) {
            if (System.nanoTime() > deadline || !run.process.isAlive()) {
                throw new AssertionError("the receiver never got " + count + " requests\n" + run.stderr());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Sends the signal with kill(1): {@code Process.destroy()} also closes the process's standard
     * input, which would end the input before the signal arrives.
     */
    private static void signal(Launcher.Running run, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(run.process.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalWhileWaitingForInputStopsReadingFinishesTheDeliveriesAndPrintsTheSummary(String signal) throws Exception {
        String path = "/hook";
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(200).withFixedDelay(200)));
        Path config = config(path, 4, "10s");

        try (Launcher.Running run = Launcher.startWithInput(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(),
                "run", "--config", config.toString(), "--input", "-"))) {
            OutputStream stdin = run.process.getOutputStream();
            for (int i = 1; i <= 3; i++) {
                stdin.write(EVENT.formatted(i).getBytes(StandardCharsets.UTF_8));
            }
            stdin.flush(); // and left open: the runtime waits for more input
            awaitRequests(path, 3, run);

            signal(run, signal);
            assertThat(run.process.waitFor(30, TimeUnit.SECONDS)).as(run.stderr()).isTrue();

            assertThat(run.process.exitValue()).as(run.stderr()).isZero();
            assertThat(run.stdout()).containsPattern("hook\\s+webhook\\s+3\\s+0\\s+0")
                    .contains("events: 3 read, 3 accepted, 0 rejected; stopped before the end of the input");
            assertThat(run.stderr()).contains("shutting down: no more input is read; finishing deliveries (up to 10 s)")
                    .contains("stopped; every delivery finished");
        }
    }

    @Test
    void deliveriesThatCannotFinishInTheGraceAreCountedAndTheExitIsOne() throws Exception {
        String path = "/slow";
        receiver.stubFor(post(path).willReturn(aResponse().withStatus(200).withFixedDelay(20_000)));
        Path config = config(path, 1, "1s");
        StringBuilder events = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            events.append(EVENT.formatted(i));
        }
        Path input = Files.writeString(work.resolve("events.ndjson"), events);

        try (Launcher.Running run = Launcher.start(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(),
                "run", "--config", config.toString(), "--input", input.toString()))) {
            awaitRequests(path, 1, run);
            long signalled = System.nanoTime();

            run.process.destroy();
            assertThat(run.process.waitFor(30, TimeUnit.SECONDS)).as(run.stderr()).isTrue();

            Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
            System.out.println("run --input stopped " + stopping.toMillis() + " ms after SIGTERM (grace 1 s)");
            assertThat(stopping).as("the grace, not the slow receiver").isLessThan(Duration.ofSeconds(15));
            assertThat(run.process.exitValue()).as(run.stderr()).isEqualTo(1);
            // The one in flight when the grace ends is cut off as the HTTP client closes: it may show as
            // retried (its retry is stored) or failed too.
            assertThat(run.stdout()).containsPattern("hook\\s+webhook\\s+0\\s+[01]\\s+[01]\\s+(-|[0-9.]+)\\s+(-|[0-9.]+)\n")
                    .contains("events: 5 read, 5 accepted, 0 rejected\n");
            assertThat(run.stderr()).contains("stopped; 5 deliveries could not finish and stay in the store for the"
                    + " next start");
        }
    }
}
