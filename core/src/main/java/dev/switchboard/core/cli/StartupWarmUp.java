package dev.switchboard.core.cli;

import dev.switchboard.core.event.EventJson;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * Initialises logging and builds the JSON mapper on a second thread, overlapping with picocli
 * building the command line, since neither depends on what the command line says. SLF4J must not
 * be initialised from two threads at once (the second would get stand-in loggers and SLF4J would
 * warn on every start that it replayed their calls), so the main thread calls
 * {@link #awaitLogging()} before anything of its own logs.
 */
final class StartupWarmUp {

    /** Longer than logging takes to start on a loaded machine; after it, the main thread goes on. */
    private static final long LOGGING_WAIT_SECONDS = 30;

    private static final CountDownLatch LOGGING = new CountDownLatch(1);
    private static volatile boolean begun;

    private StartupWarmUp() {
    }

    static void begin() {
        begun = true;
        Thread thread = new Thread(() -> {
            try {
                LoggerFactory.getILoggerFactory();
            } finally {
                LOGGING.countDown();
            }
            EventJson.mapper();
        }, "startup-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns once logging is initialised, when {@link #begin()} was called; at once otherwise. */
    static void awaitLogging() {
        if (!begun) {
            return;
        }
        try {
            LOGGING.await(LOGGING_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
