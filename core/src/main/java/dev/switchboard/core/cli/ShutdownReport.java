package dev.switchboard.core.cli;

import java.time.Duration;

/** What SIGTERM or Ctrl-C prints on stderr, serving or delivering {@code --input}, and the exit code. */
final class ShutdownReport {

    private ShutdownReport() {
    }

    static void begin(String what, Duration grace) {
        System.err.println("switchboard: shutting down: " + what + "finishing deliveries (up to "
                + grace.toSeconds() + " s)");
    }

    /**
     * @param durable whether the store keeps what did not finish for the next start
     * @return 0 when every delivery finished, 1 otherwise
     */
    static int end(long unfinished, boolean durable) {
        System.err.println(unfinished == 0 ? "switchboard: stopped; every delivery finished"
                : "switchboard: stopped; " + unfinished + " deliveries could not finish and "
                        + (durable ? "stay in the store for the next start" : "were dropped (memory store)"));
        return unfinished == 0 ? Main.OK : Main.DELIVERY_FAILED;
    }

    /** Ends the process from a shutdown hook: a JVM ended by a signal would otherwise exit 128 + its number. */
    static void halt(int exitCode) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(exitCode);
    }
}
