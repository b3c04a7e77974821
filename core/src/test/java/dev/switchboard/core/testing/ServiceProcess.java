package dev.switchboard.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code switchboard run} serving on a free port of 127.0.0.1, as a child JVM on this test's class
 * path (so that test handlers such as {@code type: posting} are found). SIGXFSZ is ignored (bash
 * sets that before it execs the JVM), so that once a test gives the running process a file-size
 * limit ({@code prlimit --pid PID --fsize=BYTES:}) a write beyond it fails with EFBIG instead of
 * killing the process. Its stderr (the log included) goes to a file, read line by line (not a pipe:
 * the JDK may close a process's pipe under a reader when the process ends). {@link #close} kills it
 * if it still runs.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("^switchboard: serving on (http://\\S+/) ");

    private final Process process;
    private final Path stderr;
    private URI uri;

    private ServiceProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
    }

    /**
     * Starts the service and waits until it serves.
     *
     * @param stderr the file its stderr goes to
     * @param patience how long it may take to serve
     * @param runArguments what follows {@code run --host 127.0.0.1 --port 0}, e.g. {@code --config FILE --data DIR}
     * @return the serving process
     */
    public static ServiceProcess start(Path stderr, Duration patience, String... runArguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "trap '' XFSZ; exec \"$0\" \"$@\"",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:-UsePerfData",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "dev.switchboard.core.cli.Main", "run", "--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(runArguments));
        ServiceProcess child = new ServiceProcess(new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile()).start(), stderr);
        try {
            Matcher serving = SERVING.matcher(child.awaitLine(line -> SERVING.matcher(line).find(), patience));
            serving.find();
            child.uri = URI.create(serving.group(1));
            return child;
        } catch (RuntimeException | Error e) {
            child.close();
            throw e;
        }
    }

    /** @return the service's base address, {@code http://127.0.0.1:PORT/} */
    public URI uri() {
        return uri;
    }

    /** @return the JVM's process id (bash was replaced by it) */
    public long pid() {
        return process.pid();
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** @return every line it wrote to stderr so far */
    public List<String> stderr() {
        try {
            // Not readAllLines: a line being written may end in half a character.
            return new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits (bounded) for a line of stderr that matches.
     *
     * @throws AssertionError when none came in time or the process ended first, with what it wrote
     */
    public String awaitLine(Predicate<String> wanted, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            boolean ended = !process.isAlive();
            List<String> lines = stderr();
            for (String line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (ended || System.nanoTime() > deadline) {
                throw new AssertionError((ended ? "the process ended" : "waited " + patience + " for a line")
                        + "; its stderr:\n" + String.join("\n", lines));
            }
            Thread.sleep(10);
        }
    }

    /**
     * SIGTERM, as an orchestrator stops the service, then waits for it to end.
     *
     * @return its exit code
     * @throws AssertionError when it did not end in time (it is killed then)
     */
    public int stop(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new AssertionError("did not stop within " + patience + "; its stderr:\n" + String.join("\n", stderr()));
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
