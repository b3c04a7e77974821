package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code kill -9} of a runtime process: which runtime it was (the name it sends in
 * {@link RecordingReceiver#RUNTIME_HEADER}, or null where only one runtime sends), when the signal was
 * sent and when the process was seen dead ({@link System#nanoTime()}).
 */
record Kill(String runtime, long signalNanos, long deadNanos) {

    /** A kill of the only runtime that sends. */
    Kill(long signalNanos, long deadNanos) {
        this(null, signalNanos, deadNanos);
    }

    /** The exit status a process killed by SIGKILL (9) reports. */
    static final int SIGKILL_EXIT = 128 + 9;

    /**
     * Sends SIGKILL ({@link Process#destroyForcibly()} does so on Linux) to the process and to any
     * child it started (the launcher runs a training JVM as a child on an installation's first
     * start; later it replaces itself by the JVM), and waits for it to die.
     */
    static Kill sigkill(Launcher.Running running) throws InterruptedException {
        return sigkill(running, null);
    }

    /** As {@link #sigkill(Launcher.Running)}, of the runtime that sends its requests as {@code runtime}. */
    static Kill sigkill(Launcher.Running running, String runtime) throws InterruptedException {
        Process process = running.process;
        List<ProcessHandle> children = process.descendants().toList();
        long signal = System.nanoTime();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("dead 30 s after SIGKILL").isTrue();
        long dead = System.nanoTime();
        // 137 also proves it was not a clean exit just before the signal.
        assertThat(process.exitValue()).as("the exit status of a process killed by SIGKILL").isEqualTo(SIGKILL_EXIT);
        return new Kill(runtime, signal, dead);
    }

    /** @return whether the kill (from its signal until the process was dead) overlaps the time from {@code from} to {@code to} */
    boolean overlaps(long from, long to) {
        return signalNanos <= to && deadNanos >= from;
    }

    /** @return whether this kill could cut the attempt: it killed the runtime that sent it, or the only one */
    boolean killed(RecordingReceiver.Arrival attempt) {
        return runtime == null || runtime.equals(attempt.runtime());
    }
}
