package dev.switchboard.benchmarks.e2e;

import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.Folders;
import dev.switchboard.benchmarks.support.Proc;
import dev.switchboard.benchmarks.support.SeedEvents;
import dev.switchboard.benchmarks.support.Spread;
import dev.switchboard.benchmarks.support.StoreFlavours;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * End-to-end delivery against the raw HTTP limit. This process is the receiver (run it pinned to one
 * CPU); it starts each sender pinned to the other CPU: the raw sender ({@link RawSender}) and
 * Switchboard ({@code bin/switchboard run --input - --data DIR} with two {@code webhook} handlers, a
 * fresh data folder per run) with each store of {@link StoreFlavours}, alternately, in two regimes:
 *
 * <ul>
 *   <li>cold: a fresh process delivers {@code --cold-n} events;
 *   <li>steady: the same process first delivers {@code --warm-n} warm-up events to {@code /warm}
 *       (Switchboard: a second handler, matched on {@code spec_name}), then {@code --steady-n}
 *       measured events to {@code /hook}. Switchboard reads both batches from stdin, so the feed is
 *       never the bottleneck; the measured batch is written once the warm-up has all arrived.
 * </ul>
 *
 * <p>Events/s come from the receiver's clock (first arrival to last response); a run fails unless
 * exactly N valid bodies arrived. CPU seconds are the sender's user + system time from /proc: the
 * whole process for cold, the measured phase for steady; peak RSS is its VmHWM.
 */
public final class E2eBench {

    private static final String MEASURED = "/hook";
    private static final String WARMUP = "/warm";
    private final Args args;
    private final Path dist;
    /** Another build of the distribution, run as the sender {@code before}: for A/B runs of a change. */
    private final Path beforeDist;
    private final Path jar;
    private final Path work;
    private final int senderCpu;
    private final Duration timeout;
    private final String javaOpts;
    private final CountingReceiver receiver;
    private final PathCounter measured = new PathCounter(MEASURED);
    private final PathCounter warmup = new PathCounter(WARMUP);
    private int runNumber;

    private E2eBench(Args args) throws Exception {
        this.args = args;
        this.dist = args.path("dist").toAbsolutePath();
        String before = args.string("before-dist", null);
        this.beforeDist = before == null ? null : Path.of(before).toAbsolutePath();
        this.jar = Path.of(E2eBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        this.work = Files.createDirectories(args.path("work").toAbsolutePath());
        this.senderCpu = args.integer("sender-cpu", 1);
        this.timeout = Duration.ofSeconds(args.integer("timeout-s", 300));
        this.javaOpts = args.string("java-opts", "");
        this.receiver = new CountingReceiver(measured, warmup);
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "dist", "work", "rounds", "cold-n", "warm-n", "steady-n", "sender-cpu",
                "timeout-s", "java-opts", "out", "senders", "regimes", "profile", "before-dist");
        E2eBench bench = new E2eBench(args);
        try {
            bench.run();
        } finally {
            bench.receiver.close();
        }
    }

    private void run() throws Exception {
        int rounds = args.integer("rounds", 3);
        Regime cold = new Regime("cold", 0, args.integer("cold-n", 2_000));
        Regime steady = new Regime("steady", args.integer("warm-n", 500_000), args.integer("steady-n", 50_000));
        for (Regime regime : List.of(cold, steady)) {
            regime.files(work);
        }
        System.out.printf("receiver on 127.0.0.1:%d (this process, CPUs %s); senders pinned to CPU %d%s%n",
                receiver.port(), affinity(), senderCpu, Proc.canPin() ? "" : " (taskset missing: NOT pinned)");
        List<String> senders = List.of(args.string("senders", beforeDist != null ? "raw,switchboard,before"
                : "raw,sqlite-full,sqlite-normal,memory").split(","));
        Map<String, Path> configs = new java.util.HashMap<>();
        for (String sender : senders) {
            if (!sender.equals("raw")) {
                configs.put(sender, writeConfig(sender));
            }
        }
        List<Regime> regimes = new ArrayList<>();
        for (String name : args.string("regimes", "cold,steady").split(",")) {
            regimes.add(name.equals("cold") ? cold : steady);
        }
        List<Result> results = new ArrayList<>();
        String loadAtStart = Proc.loadAverage();
        for (int round = 1; round <= rounds; round++) {
            // Alternate who goes first, so that drifting background load favours neither.
            List<String> order = new ArrayList<>(senders);
            if (round % 2 == 0) {
                java.util.Collections.reverse(order);
            }
            for (Regime regime : regimes) {
                for (String sender : order) {
                    Result result = runOnce(sender, regime, configs.get(sender));
                    results.add(result);
                    System.out.printf("round %d %-6s %-13s %,10.0f events/s  %.3f CPU s/1k  %,6.0f MiB  data folder %,.1f MiB"
                                    + "  load %s  CPU s by thread: %s%n",
                            round, regime.name, sender, result.eventsPerSecond, result.cpuPerThousand, result.peakRssMiB,
                            result.dataMiB, Proc.loadAverage(), result.threads);
                }
            }
        }
        String table = table(results, regimes, senders, rounds)
                + String.format("Load average (1, 5, 15 min) at the start %s, at the end %s.%n", loadAtStart, Proc.loadAverage());
        System.out.println();
        System.out.println(table);
        String out = args.string("out", null);
        if (out != null) {
            Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
        }
    }

    private Result runOnce(String sender, Regime regime, Path config) throws Exception {
        runNumber++;
        measured.reset(regime.warm, regime.n);
        warmup.reset(0, regime.warm);
        String run = String.format("run-%02d-%s-%s", runNumber, regime.name, sender);
        Path log = work.resolve(run + ".log");
        boolean raw = sender.equals("raw");
        // Every Switchboard run starts on an empty data folder of its own, removed after the run.
        Path data = raw ? null : Files.createDirectories(work.resolve(run + "-data"));
        ProcessBuilder builder = new ProcessBuilder(Proc.pinned(senderCpu, raw ? rawCommand(regime, log)
                : switchboardCommand(sender, config, data)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("JAVA_OPTS", javaOpts(log));
        env.put("SWITCHBOARD_LOG_LEVEL", "WARN");
        if (data != null) {
            // The older build of --before-dist may not know --data; a build that has a store reads this.
            env.put("SWITCHBOARD_DATA", data.toString());
        }
        Process process = builder.start();
        try (StdinFeed feed = new StdinFeed(process.getOutputStream())) {
            double cpuBefore = 0;
            Map<String, Double> threadsBefore = Map.of();
            if (regime.warm > 0) {
                if (!raw) {
                    feed.send(regime.warmFile);
                }
                await(warmup, process, log);
                cpuBefore = Proc.cpuSeconds(process.pid());
                threadsBefore = Proc.cpuSecondsByThread(process.pid());
            }
            if (raw) {
                feed.sendLine("go");
            } else {
                feed.send(regime.measuredFile);
            }
            await(measured, process, log);
            double cpu = Proc.cpuSeconds(process.pid()) - cpuBefore;
            String threads = Proc.cpuDelta(threadsBefore, Proc.cpuSecondsByThread(process.pid()));
            double rss = Proc.peakRssMiB(process.pid());
            feed.close();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(sender + " did not exit 60 s after its input ended; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(sender + " exited with " + process.exitValue() + "; see " + log);
            }
            for (PathCounter counter : List.of(warmup, measured)) {
                String problem = counter.problem();
                if (problem != null) {
                    throw new IllegalStateException(sender + " " + regime.name + ": " + problem + "; see " + log);
                }
            }
            return new Result(sender, regime.name, measured.eventsPerSecond(), cpu * 1000 / regime.n, rss,
                    Folders.bytes(data) / 1048576.0, threads);
        } finally {
            process.destroyForcibly();
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            Folders.delete(data);
        }
    }

    private void await(PathCounter counter, Process process, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!counter.awaitComplete(Duration.ofMillis(200))) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the sender ended (exit " + process.exitValue() + ") before "
                        + counter.path() + " got all its events: " + counter.problem() + "; see " + log);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(counter.path() + " incomplete after " + timeout.toSeconds() + " s: "
                        + counter.problem() + "; see " + log);
            }
        }
    }

    /** The JVM options of a sender: {@code --java-opts}, and with {@code --profile} a JFR recording beside its log. */
    private String javaOpts(Path log) {
        if (args.string("profile", null) == null) {
            return javaOpts;
        }
        String jfr = log.toString().replaceAll("\\.log$", ".jfr");
        return (javaOpts + " -XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=filename=" + jfr
                + ",settings=" + args.string("profile", "profile")).trim();
    }

    private List<String> rawCommand(Regime regime, Path log) {
        List<String> command = new ArrayList<>(List.of(Proc.javaCommand()));
        String opts = javaOpts(log);
        if (!opts.isBlank()) {
            command.addAll(List.of(opts.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", jar.toString(), RawSender.class.getName(),
                "--url", url(MEASURED), "--events", regime.measuredFile.toString()));
        if (regime.warm > 0) {
            command.addAll(List.of("--warm-url", url(WARMUP), "--warm", regime.warmFile.toString()));
        }
        return command;
    }

    private List<String> switchboardCommand(String sender, Path config, Path data) {
        boolean before = sender.equals("before");
        Path installation = before ? beforeDist : dist;
        if (installation == null) {
            throw new IllegalArgumentException("the sender 'before' needs --before-dist");
        }
        List<String> command = new ArrayList<>(List.of(installation.resolve("bin/switchboard").toString(), "run",
                "--config", config.toString(), "--plugins", installation.resolve("plugins").toString(), "--input", "-"));
        if (!before) {
            command.addAll(List.of("--data", data.toString()));
        }
        return command;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    /** The handlers.yaml of a Switchboard sender: the same two handlers, and its store (the defaults for {@code before}). */
    private Path writeConfig(String sender) throws IOException {
        if (!sender.equals("switchboard") && !sender.equals("before") && !StoreFlavours.known(sender)) {
            throw new IllegalArgumentException("unknown sender " + sender + "; known: raw, switchboard, before, "
                    + String.join(", ", StoreFlavours.names()));
        }
        // switchboard and before: no store: section, the defaults (SQLite, sync: full, in the data folder).
        String store = StoreFlavours.known(sender) ? StoreFlavours.section(sender) : "";
        String handler = """
                  - name: %s
                    type: webhook
                    events: ["*"]
                    match: {spec_name: %s}
                    concurrency: 64
                    queue_capacity: 100000
                    config: {url: "%s"}
                """;
        String yaml = "version: 1\n" + store + "handlers:\n"
                + handler.formatted("warmup", SeedEvents.WARMUP_SPEC, url(WARMUP))
                + handler.formatted("bench", SeedEvents.SPEC, url(MEASURED));
        return Files.writeString(work.resolve("handlers-" + sender + ".yaml"), yaml, StandardCharsets.UTF_8);
    }

    private static String affinity() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Cpus_allowed_list:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String table(List<Result> results, List<Regime> regimes, List<String> senders, int rounds) {
        StringBuilder out = new StringBuilder();
        out.append("| regime | sender | events/s median (min–max) | ratio to raw, median of rounds (min–max) | CPU s / 1,000 events | peak RSS MiB |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Regime regime : regimes) {
            for (String sender : senders) {
                if (spread(results, regime, sender, Result::eventsPerSecond).runs() == 0) {
                    continue;
                }
                Spread rate = spread(results, regime, sender, Result::eventsPerSecond);
                Spread cpu = spread(results, regime, sender, Result::cpuPerThousand);
                Spread rss = spread(results, regime, sender, Result::peakRssMiB);
                out.append(String.format("| %s (N=%,d%s) | %s | %s | %s | %.3f | %.0f |%n", regime.name, regime.n,
                        regime.warm > 0 ? String.format(", after %,d warm-up", regime.warm) : "", sender,
                        rate.format("%,.0f"), ratios(results, regime, sender, "raw").format("%.2f×"), cpu.median(), rss.median()));
            }
            if (senders.contains("before") && senders.contains("switchboard")) {
                out.append(String.format("| %s | switchboard ÷ before | | %s | | |%n", regime.name,
                        ratios(results, regime, "switchboard", "before").format("%.2f×")));
            }
            // What durability costs: each SQLite sender against the memory store, round by round.
            if (senders.contains("memory")) {
                for (String sender : senders) {
                    if (sender.startsWith("sqlite-") || sender.equals("switchboard")) {
                        out.append(String.format("| %s | %s ÷ memory | | %s | | |%n", regime.name, sender,
                                ratios(results, regime, sender, "memory").format("%.2f×")));
                    }
                }
            }
        }
        out.append(String.format("%nMedian of %d interleaved runs per row; CPU and RSS are medians too. The ratio is"
                + " taken per round (the senders back to back), then its median.%n", rounds));
        return out.toString();
    }

    /** The sender's rate over the base sender's in the same round (they run back to back), per round. */
    private static Spread ratios(List<Result> results, Regime regime, String sender, String base) {
        List<Double> raw = results.stream().filter(r -> r.regime.equals(regime.name) && r.sender.equals(base))
                .map(Result::eventsPerSecond).toList();
        List<Double> mine = results.stream().filter(r -> r.regime.equals(regime.name) && r.sender.equals(sender))
                .map(Result::eventsPerSecond).toList();
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(raw.size(), mine.size()); i++) {
            ratios.add(mine.get(i) / raw.get(i));
        }
        return Spread.of(ratios);
    }

    private static Spread spread(List<Result> results, Regime regime, String sender,
                                 java.util.function.ToDoubleFunction<Result> value) {
        return Spread.of(results.stream()
                .filter(r -> r.regime.equals(regime.name) && r.sender.equals(sender))
                .map(r -> value.applyAsDouble(r))
                .toList());
    }

    /**
     * @param dataMiB the data folder at the end of the run (0 for the raw sender)
     * @param threads CPU seconds by thread group over the measured window (whole process for cold)
     */
    private record Result(String sender, String regime, double eventsPerSecond, double cpuPerThousand,
                          double peakRssMiB, double dataMiB, String threads) {
    }

    /** A regime's event counts and its NDJSON files. */
    private static final class Regime {
        final String name;
        final int warm;
        final int n;
        Path warmFile;
        Path measuredFile;

        Regime(String name, int warm, int n) {
            this.name = name;
            this.warm = warm;
            this.n = n;
        }

        /**
         * The measured events go on numbering from the warm-up ({@code data.seq} warm .. warm+n-1),
         * as one steady stream would: starting again from 0 put one-digit numbers in front of a
         * parser the JIT had compiled on six-digit ones, and the recompilation fell in the window.
         */
        void files(Path dir) throws IOException {
            measuredFile = SeedEvents.writeNdjson(dir.resolve(name + "-measured.ndjson"), SeedEvents.SPEC, warm, n);
            if (warm > 0) {
                warmFile = SeedEvents.writeNdjson(dir.resolve(name + "-warmup.ndjson"), SeedEvents.WARMUP_SPEC, 0, warm);
            }
        }
    }
}
