package dev.switchboard.core.cli;

import dev.switchboard.core.event.EventJson;
import org.slf4j.LoggerFactory;

/**
 * Starts, on a second thread, the two slowest initialisations every command needs and that depend
 * on nothing the command line says: logging (Logback reading its XML configuration) and the JSON
 * mapper. They then overlap with picocli building the command line, instead of following it: on
 * a two-core machine a fifth of the time to ready.
 */
final class StartupWarmUp {

    private StartupWarmUp() {
    }

    static void begin() {
        Thread thread = new Thread(() -> {
            LoggerFactory.getILoggerFactory();
            EventJson.mapper();
        }, "startup-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
