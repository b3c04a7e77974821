package dev.switchboard.core.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Runs a system command for a test that sets up a real fault (chattr, mount, prlimit, ulimit). */
public final class Shell {

    private Shell() {
    }

    /** @return whether the command ran and exited 0 within 10 s (false when it is not installed) */
    public static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
