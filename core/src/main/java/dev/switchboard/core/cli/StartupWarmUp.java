package dev.switchboard.core.cli;

import dev.switchboard.core.event.EventJson;

/**
 * Builds the JSON mapper on a second thread, overlapping with picocli building the command line,
 * since it depends on nothing the command line says. Logging is deliberately left to the main
 * thread: initialising SLF4J from two threads at once makes it queue and replay the early calls,
 * with a warning on every start.
 */
final class StartupWarmUp {

    private StartupWarmUp() {
    }

    static void begin() {
        Thread thread = new Thread(EventJson::mapper, "startup-warm-up");
        thread.setDaemon(true);
        thread.start();
    }
}
