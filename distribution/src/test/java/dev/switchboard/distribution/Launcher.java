package dev.switchboard.distribution;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as a separate process, with a bounded wait, and keeps what it printed; or starts
 * one that keeps running (a server) and hands it back. What a Switchboard process prints is handed
 * to {@link SecretScan}. Every process gets {@code SWITCHBOARD_DATA} set to a data folder under its
 * working folder unless the test sets it, so tests never share a store (nor the installation's
 * {@code data/}).
 */
final class Launcher {

    /** The environment variable that names the runtime's data folder when {@code --data} does not. */
    static final String DATA_VARIABLE = "SWITCHBOARD_DATA";

    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private Launcher() {
    }

    static Result run(Path workDir, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        Running running = start(workDir, env, command);
        Process process = running.process;
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + running.stderr());
        }
        return new Result(process.exitValue(), running.stdout(), running.stderr());
    }

    /** A process that was started and not waited for; its output goes to files. */
    static final class Running implements AutoCloseable {
        final Process process;
        private final Path out;
        private final Path err;

        private Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** Waits (bounded) until standard error has a match of the pattern, and returns its first group. */
        String awaitStderr(java.util.regex.Pattern pattern, java.time.Duration timeout) throws Exception {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                java.util.regex.Matcher matcher = pattern.matcher(stderr());
                if (matcher.find()) {
                    return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
                }
                if (!process.isAlive()) {
                    throw new AssertionError("exited with " + process.exitValue() + " before printing " + pattern
                            + "\n" + stderr());
                }
                Thread.sleep(50);
            }
            throw new AssertionError("timed out waiting for " + pattern + "\n" + stderr());
        }

        /** Sends SIGTERM and waits (bounded) for the exit code. */
        int terminate(java.time.Duration timeout) throws Exception {
            process.destroy();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running " + timeout + " after SIGTERM\n" + stderr());
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** @return the data folder of processes started in {@code workDir} whose test does not set {@value #DATA_VARIABLE} */
    private static Path dataFolder(Path workDir) {
        return workDir.resolve("switchboard-data");
    }

    static Running start(Path workDir, Map<String, String> env, List<String> command) throws IOException {
        return start(workDir, env, command, ProcessBuilder.Redirect.from(new File("/dev/null")));
    }

    /** Starts with a standard input the test writes to ({@code process.getOutputStream()}). */
    static Running startWithInput(Path workDir, Map<String, String> env, List<String> command) throws IOException {
        return start(workDir, env, command, ProcessBuilder.Redirect.PIPE);
    }

    private static Running start(Path workDir, Map<String, String> env, List<String> command,
                                 ProcessBuilder.Redirect input) throws IOException {
        Path out = Files.createTempFile(workDir, "out", ".txt");
        Path err = Files.createTempFile(workDir, "err", ".txt");
        if (command.get(0).equals(DistributionIT.LAUNCHER.toString())) {
            String name = String.join(" ", command.subList(0, Math.min(2, command.size())));
            SecretScan.environment(env);
            SecretScan.output(out, "stdout of " + name);
            SecretScan.output(err, "stderr of " + name);
        }
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                .directory(workDir.toFile())
                .redirectInput(input)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // Each test's runtime keeps its store in its own work folder, never in the shared installation's data/
        // nor in a folder the build's own environment names: put, not putIfAbsent, then the test's variables.
        builder.environment().put(DATA_VARIABLE, dataFolder(workDir).toString());
        builder.environment().putAll(env);
        return new Running(builder.start(), out, err);
    }
}
