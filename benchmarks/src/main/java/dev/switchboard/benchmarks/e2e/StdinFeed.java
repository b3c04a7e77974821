package dev.switchboard.benchmarks.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Writes to a child's stdin from a thread of its own (a pipe blocks once its buffer is full), in
 * the order asked; {@link #close} ends the child's input once everything is written.
 */
final class StdinFeed implements AutoCloseable {

    private final OutputStream stdin;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stdin-feed");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> last;
    private boolean closed;

    StdinFeed(OutputStream stdin) {
        this.stdin = stdin;
    }

    void send(Path file) {
        last = writer.submit(() -> {
            try {
                Files.copy(file, stdin);
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + file + " to the sender", e);
            }
        });
    }

    void sendLine(String line) {
        last = writer.submit(() -> {
            try {
                stdin.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("writing to the sender", e);
            }
        });
    }

    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        writer.shutdown();
        try {
            if (last != null && !writer.awaitTermination(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the sender did not read its input within 60 s");
            }
        } finally {
            writer.shutdownNow();
            try {
                stdin.close();
            } catch (IOException ignored) {
                // The child has gone; its exit code tells why.
            }
        }
    }
}
