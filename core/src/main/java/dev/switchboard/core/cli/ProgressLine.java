package dev.switchboard.core.cli;

import dev.switchboard.core.HandlerStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The live line of {@code run --input} on a terminal: read, accepted, delivered, failed, events/s
 * and, for a file, how far through it the reading is; redrawn in place twice a second on stderr.
 * Nothing at all when stderr is not a terminal (a log file or a pipe gets no carriage returns).
 */
final class ProgressLine implements AutoCloseable {

    static final long EVERY_MILLIS = 500;
    private static final String CLEAR = "\r\033[K";

    /** What the line shows, read on its own thread. */
    record Counts(long read, long accepted, long delivered, long failed, double percent) {
    }

    private final PrintStream err;
    private final Supplier<Counts> counts;
    private final long startNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private boolean drawn;

    private ProgressLine(PrintStream err, Supplier<Counts> counts, long startNanos) {
        this.err = err;
        this.counts = counts;
        this.startNanos = startNanos;
        this.thread = new Thread(this::loop, "switchboard-progress");
        this.thread.setDaemon(true);
    }

    /** @return a started line when stderr is a terminal, else one that shows nothing */
    static ProgressLine startIfTerminal(Supplier<Counts> counts, long startNanos) {
        ProgressLine line = new ProgressLine(System.err, counts, startNanos);
        if (stderrIsTerminal()) {
            line.thread.start();
        }
        return line;
    }

    /** @return a line drawn on {@code out} whatever it is */
    static ProgressLine startOn(PrintStream out, Supplier<Counts> counts, long startNanos) {
        ProgressLine line = new ProgressLine(out, counts, startNanos);
        line.thread.start();
        return line;
    }

    /**
     * Java 17 cannot ask whether one stream is a terminal; on Linux the file descriptor's link
     * says it ({@code /dev/pts/3}, {@code /dev/tty1}). Elsewhere: whether the JVM has a console.
     */
    static boolean stderrIsTerminal() {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.exists(Path.of("/proc/self/fd"))) {
            try {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (IOException | UnsupportedOperationException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                draw();
            }
        }
    }

    private synchronized void draw() {
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        err.print(CLEAR + format(counts.get(), seconds));
        err.flush();
        drawn = true;
    }

    static String format(Counts c, double seconds) {
        String line = String.format(Locale.ROOT, "read %,d  accepted %,d  delivered %,d  failed %,d  %,.0f events/s",
                c.read(), c.accepted(), c.delivered(), c.failed(), c.accepted() / seconds);
        return c.percent() < 0 ? line : line + String.format(Locale.ROOT, "  %.0f%%", c.percent());
    }

    static long delivered(List<HandlerStats> stats) {
        return stats.stream().mapToLong(HandlerStats::delivered).sum();
    }

    static long failed(List<HandlerStats> stats) {
        return stats.stream().mapToLong(HandlerStats::failed).sum();
    }

    /** Stops and wipes the line, so that the summary starts on a clean line. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (drawn) {
                err.print(CLEAR);
                err.flush();
            }
        }
    }
}
