package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.distribution.RecordingReceiver.Arrival;
import dev.switchboard.distribution.RecordingReceiver.Odds;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution killed with {@code kill -9} at random moments while it delivers to a slow
 * receiver that sometimes answers 503 (or 429 with {@code Retry-After}), each kill followed by a
 * start on the same data folder: a server taking events over HTTP, and {@code run --input}. From
 * the clients' and the receiver's own records: every event acknowledged with 202 (every line of the
 * file) reached the receiver; every attempt of one delivery carried the same {@code webhook-id};
 * and, by the rules of {@link ArrivalAudit}, a delivery was sent again after a 200 only when that
 * attempt was in flight at a kill, and never before its retry time unless the attempt before was in
 * flight at a kill (a resumed delivery whose retry was not yet committed may come early). The seed
 * of every random choice is printed; {@code -Dcrash.seed=N} repeats the choices (not the timing).
 */
class CrashRecoveryIT {

    private static final long SEED = Long.getLong("crash.seed", new SecureRandom().nextLong());
    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+/)");
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Pattern RESUMING = Pattern.compile("resuming \\S+ after line (\\d+)");

    /** Kills of a serving runtime; a few more land while it starts. */
    private static final int SERVING_KILLS = 20;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Odds ODDS = new Odds(0.20, 0.04, 4, (int) RETRY_AFTER.toSeconds(), 2, 40);
    private static final ArrivalAudit.Rules RULES = new ArrivalAudit.Rules(Duration.ofMillis(50), 2,
            Duration.ofMillis(400), RETRY_AFTER, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2));

    private static final int CONCURRENCY = 16;
    private static final int INPUT_LINES = 3_000;
    /** Kills of {@code run --input} while it delivers. */
    private static final int INPUT_KILLS = 5;

    @TempDir
    Path work;

    private final long origin = System.nanoTime();
    private final List<Kill> kills = new ArrayList<>();

    /**
     * 20 kills of a serving runtime 0.4 to 2.4 s after it listens, and about one in six more while it
     * starts, each followed by a start on a new port that the four posting clients follow. A seq whose
     * post got no 202 is posted again as a new event, so it may arrive with as many ids as posts.
     * Then a clean stop, and a start with nothing left to deliver that must send nothing.
     */
    @Test
    void everyAcknowledgedEventIsDeliveredAcrossKillsAtRandomMoments() throws Exception {
        System.out.println("crash test over HTTP, seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        Path data = work.resolve("data");
        try (RecordingReceiver receiver = new RecordingReceiver(SEED, ODDS);
             EventPosters clients = new EventPosters(4, Duration.ofMillis(10), SEED)) {
            Path config = config(receiver, 1_000_000);
            List<String> serve = List.of(DistributionIT.LAUNCHER.toString(), "run", "--config", config.toString(),
                    "--data", data.toString(), "--port", "0");
            int servingKills = 0;
            List<Long> startups = new ArrayList<>();
            while (servingKills < SERVING_KILLS) {
                try (Launcher.Running runtime = Launcher.start(work, Map.of(), serve)) {
                    long started = System.nanoTime();
                    if (!kills.isEmpty() && random.nextInt(6) == 0) {
                        Thread.sleep(random.nextLong(startups.get(startups.size() - 1) + 1));
                        kills.add(Kill.sigkill(runtime));
                        continue;
                    }
                    clients.target(URI.create(runtime.awaitStderr(SERVING, STARTUP)));
                    startups.add(Duration.ofNanos(System.nanoTime() - started).toMillis());
                    Thread.sleep(400 + random.nextLong(2_000));
                    kills.add(Kill.sigkill(runtime));
                    clients.target(null);
                    servingKills++;
                }
            }

            try (Launcher.Running runtime = Launcher.start(work, Map.of(), serve)) {
                clients.target(URI.create(runtime.awaitStderr(SERVING, STARTUP)));
                Thread.sleep(1_000);
                clients.close();
                Map<Long, String> acknowledged = clients.acknowledged();
                awaitDelivered(receiver, acknowledged.values(), Duration.ofSeconds(60));

                ArrivalAudit.Report report = new ArrivalAudit(RULES, kills, origin).audit(receiver.arrivals());
                Map<Long, String> undelivered = new TreeMap<>(acknowledged);
                undelivered.entrySet().removeIf(e -> report.deliveredIds().getOrDefault(e.getKey(), Set.of())
                        .contains(e.getValue()));
                System.out.printf("crash test over HTTP: %d acknowledged, %d delivered (%d of them without a 202), "
                                + "%d acknowledged not delivered, %d duplicates, %d kills (%d while serving), %d retry "
                                + "times checked (%d across a kill), %d resumed early, %d posts refused, start-up %d ms (median), "
                                + "%d s, seed %d%n",
                        acknowledged.size(), report.delivered(), report.delivered() - acknowledged.size() + undelivered.size(),
                        undelivered.size(), report.duplicates(), kills.size(), servingKills, report.retriesChecked(),
                        report.retriesAcrossKill(), report.resumedEarly(), clients.refused(),
                        startups.stream().sorted().toList().get(startups.size() / 2),
                        Duration.ofNanos(System.nanoTime() - origin).toSeconds(), SEED);

                String seed = "seed " + SEED;
                assertThat(clients.oddAnswers()).as(seed).isEmpty();
                assertThat(acknowledged).as(seed + ": events acknowledged").hasSizeGreaterThan(300);
                assertThat(undelivered).as(seed + ": acknowledged (seq=id) and never answered 200 by the receiver").isEmpty();
                assertThat(report.violations()).as(seed + ": arrivals that break the rules").isEmpty();
                Map<Long, Integer> posts = clients.posts();
                report.ids().forEach((seq, ids) -> assertThat(ids.size())
                        .as(seed + ": seq %d arrived as %s but was posted %d times", seq, ids, posts.getOrDefault(seq, 0))
                        .isLessThanOrEqualTo(posts.getOrDefault(seq, 0)));
                assertThat(runtime.terminate(Duration.ofSeconds(30))).as(runtime.stderr()).isZero();
            }
            assertNothingIsSentAgainAfterACleanStop(receiver, serve);
        }
    }

    /**
     * {@code run --input FILE} killed with {@code kill -9} at random moments and run again on the same
     * file and data folder (without {@code --from-start}) until it exits 0: every line reached the
     * receiver; every arrival of one line carried the same {@code webhook-id} (an event read from a
     * file gets an id from the file and the line's offset); and a line was sent again only when its
     * attempt was in flight at a kill ({@link ArrivalAudit}'s rules), since a rerun resumes after the
     * last accepted line. The handler's backlog limit is small, so that reading waits for deliveries
     * and the kills land in the middle of the file.
     */
    @Test
    void runInputKilledAndRunAgainResumesAfterTheLastAcceptedLine() throws Exception {
        System.out.println("crash test of run --input, seed " + SEED);
        SplittableRandom random = new SplittableRandom(SEED + 1);
        Path input = work.resolve("events.ndjson");
        Files.write(input, LongStream.rangeClosed(1, INPUT_LINES).mapToObj(seq -> "{\"event_type\": \"step_complete\", "
                + "\"spec_name\": \"crash-input\", \"data\": {\"seq\": " + seq + "}}").toList());
        try (RecordingReceiver receiver = new RecordingReceiver(SEED, ODDS)) {
            List<String> run = List.of(DistributionIT.LAUNCHER.toString(), "run", "--config",
                    config(receiver, 200).toString(), "--input", input.toString(), "--data", work.resolve("data").toString());
            int runs = 0;
            List<Long> resumedAfter = new ArrayList<>();
            Launcher.Result last = null;
            while (last == null || last.exitCode() != 0) {
                assertThat(runs++).as("seed " + SEED + ": runs, the last one " + last).isLessThan(INPUT_KILLS + 3);
                try (Launcher.Running runtime = Launcher.start(work, Map.of(), run)) {
                    boolean killed = false;
                    if (kills.size() < INPUT_KILLS && awaitArrivalOrExit(receiver, runtime)) {
                        Thread.sleep(random.nextLong(2_500));
                        if (runtime.process.isAlive()) {
                            kills.add(Kill.sigkill(runtime));
                            killed = true;
                        }
                    }
                    if (!killed) {
                        assertThat(runtime.process.waitFor(120, TimeUnit.SECONDS)).as("seed " + SEED + ": run ended")
                                .isTrue();
                        last = new Launcher.Result(runtime.process.exitValue(), runtime.stdout(), runtime.stderr());
                        assertThat(last.exitCode()).as("seed " + SEED + ": " + last).isZero();
                    }
                    resumedAfter(runtime.stderr()).ifPresent(resumedAfter::add);
                }
            }

            ArrivalAudit.Report report = new ArrivalAudit(RULES, kills, origin).audit(receiver.arrivals());
            List<Long> undelivered = LongStream.rangeClosed(1, INPUT_LINES)
                    .filter(seq -> !report.deliveredIds().containsKey(seq)).boxed().toList();
            Map<Long, Set<String>> severalIds = new TreeMap<>(report.ids());
            severalIds.values().removeIf(ids -> ids.size() == 1);
            System.out.printf("crash test of run --input: %d lines, %d delivered, %d re-sent after a kill, %d kills, "
                            + "%d runs (resumed after lines %s), %d retry times checked (%d across a kill), %d resumed "
                            + "early, %d s, seed %d%n",
                    INPUT_LINES, report.deliveredIds().size(), report.duplicates(), kills.size(), runs, resumedAfter,
                    report.retriesChecked(), report.retriesAcrossKill(), report.resumedEarly(),
                    Duration.ofNanos(System.nanoTime() - origin).toSeconds(), SEED);

            String seed = "seed " + SEED;
            assertThat(kills).as(seed + ": kills while the run was delivering").hasSize(INPUT_KILLS);
            assertThat(undelivered).as(seed + ": lines never answered 200").isEmpty();
            assertThat(report.deliveries()).as(seed + ": webhook-ids").isEqualTo(INPUT_LINES);
            assertThat(severalIds).as(seed + ": lines that arrived with more than one webhook-id").isEmpty();
            assertThat(report.violations()).as(seed + ": arrivals that break the rules").isEmpty();
            assertThat(resumedAfter).as(seed + ": where reruns resumed").isSorted()
                    .anySatisfy(line -> assertThat(line).as("a kill while the file was being read").isLessThan(INPUT_LINES));

            int before = receiver.count();
            Launcher.Result again = Launcher.run(work, Map.of(), run);
            assertThat(again.exitCode()).as(seed + ": a rerun after the end, " + again).isZero();
            assertThat(resumedAfter(again.stderr())).as(seed + ": a rerun after the end, " + again)
                    .hasValue((long) INPUT_LINES);
            assertThat(receiver.count()).as(seed + ": requests of a rerun after the end of the file").isEqualTo(before);
        }
    }

    /** @return the line a run of {@code --input} said it resumes after, if it said so */
    private static Optional<Long> resumedAfter(String stderr) {
        Matcher resuming = RESUMING.matcher(stderr);
        return resuming.find() ? Optional.of(Long.parseLong(resuming.group(1))) : Optional.empty();
    }

    /** @return true once the receiver got a request from this run, false when the run ended first */
    private static boolean awaitArrivalOrExit(RecordingReceiver receiver, Launcher.Running runtime) throws Exception {
        int before = receiver.count();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (receiver.count() == before) {
            if (!runtime.process.isAlive()) {
                return false;
            }
            assertThat(System.nanoTime()).as("no request within " + STARTUP + "\n" + runtime.stderr()).isLessThan(deadline);
            Thread.sleep(10);
        }
        return true;
    }

    /** Once every delivery finished and the runtime stopped cleanly, a start on the same data sends nothing. */
    private void assertNothingIsSentAgainAfterACleanStop(RecordingReceiver receiver, List<String> serve) throws Exception {
        int before = receiver.count();
        try (Launcher.Running runtime = Launcher.start(work, Map.of(), serve)) {
            runtime.awaitStderr(SERVING, STARTUP);
            Thread.sleep(2_000);
            assertThat(runtime.terminate(Duration.ofSeconds(30))).as(runtime.stderr()).isZero();
        }
        assertThat(receiver.count()).as("seed " + SEED + ": requests after a restart with nothing left to deliver")
                .isEqualTo(before);
    }

    /** A webhook handler to the receiver, with the retry rules the audit checks. */
    private Path config(RecordingReceiver receiver, long queueCapacity) throws Exception {
        return Files.writeString(work.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - name: hook
                    type: webhook
                    events: ["*"]
                    concurrency: %d
                    queue_capacity: %d
                    timeout: 10s
                    retry: {attempts: 12, backoff: %dms, multiplier: %s, max_backoff: %dms, jitter: 0}
                    config: {url: "%s"}
                server:
                  timeouts: {drain: 0s, shutdown: 20s}
                """.formatted(CONCURRENCY, queueCapacity, RULES.backoff().toMillis(), RULES.multiplier(),
                RULES.maxBackoff().toMillis(), receiver.url()));
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
