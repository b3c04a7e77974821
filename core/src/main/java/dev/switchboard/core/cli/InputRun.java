package dev.switchboard.core.cli;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code run --input}: feeds the events, waits until every delivery finished, prints the summary.
 * SIGTERM or Ctrl-C ends it as it ends serving: no more input is read, deliveries get
 * {@code server.timeouts.shutdown} to finish, and the summary says what was read and how many
 * deliveries could not finish; exit 0 when all were delivered, else 1 (also when the store could not
 * write an event).
 */
final class InputRun {

    /** As the HTTP service's default {@code server.timeouts.shutdown}. */
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);

    private final Switchboard switchboard;
    private final NdjsonFeed feed;
    private final AttemptLatencies latencies;
    /** A regular file's size, for the progress line's percentage; 0 for a stream. */
    private final long size;
    private final long startNanos = System.nanoTime();
    private ProgressLine progress;
    /** Whoever sets it (the feed at its end, or the shutdown hook) prints the summary. */
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile int exitCode;

    /** @param latencies the listener the switchboard was built with */
    InputRun(Switchboard switchboard, InputSource input, AttemptLatencies latencies) {
        this.switchboard = switchboard;
        this.feed = new NdjsonFeed(input.name(), input.identity(), switchboard);
        this.latencies = latencies;
        this.size = input.size();
    }

    int run(InputLines lines) throws IOException, InterruptedException {
        Thread hook = new Thread(this::onSignal, "switchboard-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        progress = ProgressLine.startIfTerminal(this::counts, startNanos);
        feed.feed(lines);
        while (!switchboard.awaitIdle(Duration.ofSeconds(60))) {
            System.err.println("still delivering: " + switchboard.stats());
        }
        if (!finishing.compareAndSet(false, true)) {
            finished.await(); // the hook is finishing, and ends the process
            return exitCode;
        }
        finish(0, false);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // A signal came just now: the hook waits for the summary above and exits with its code.
        }
        return exitCode;
    }

    private void onSignal() {
        if (finishing.compareAndSet(false, true)) {
            Duration grace = shutdownGrace(switchboard);
            ShutdownReport.begin("no more input is read; ", grace);
            feed.stop();
            finish(switchboard.close(grace), true);
        } else {
            try {
                finished.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ShutdownReport.halt(exitCode);
    }

    private ProgressLine.Counts counts() {
        NdjsonFeed.Result fed = feed.progress();
        List<HandlerStats> stats = switchboard.stats();
        double percent = size > 0 ? Math.min(100.0, 100.0 * feed.offset() / size) : -1;
        return new ProgressLine.Counts(fed.read(), fed.accepted(), ProgressLine.delivered(stats),
                ProgressLine.failed(stats), percent);
    }

    private void finish(long unfinished, boolean signalled) {
        if (progress != null) {
            progress.close();
        }
        NdjsonFeed.Result fed = feed.progress();
        List<HandlerStats> stats = switchboard.stats();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        new RunSummary(stats, switchboard.recentFailures(), fed, elapsed, latencies).print(System.out, System.err);
        boolean anyFailed = fed.rejected() > 0 || fed.storeFailure() != null
                || stats.stream().anyMatch(s -> s.failed() > 0);
        int code = anyFailed ? Main.DELIVERY_FAILED : Main.OK;
        if (signalled) {
            code = Math.max(code, ShutdownReport.end(unfinished, switchboard.durable()));
        }
        exitCode = code;
        finished.countDown();
    }

    /** {@code server.timeouts.shutdown}, which the HTTP service checks; here a mistake means the default. */
    static Duration shutdownGrace(Switchboard switchboard) {
        try {
            HandlerConfig timeouts = switchboard.config().server().section("timeouts");
            return timeouts == null ? DEFAULT_GRACE : timeouts.duration("shutdown", DEFAULT_GRACE);
        } catch (ConfigException e) {
            return DEFAULT_GRACE;
        }
    }
}
