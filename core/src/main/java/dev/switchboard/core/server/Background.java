package dev.switchboard.core.server;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A part of the service made on a thread of its own while the main thread builds the runtime (the
 * HTTP server, the metrics registry): on two cores, start-up is shorter when independent parts are
 * made side by side.
 *
 * @param <T> the part
 */
final class Background<T> {

    /** Makes the part. */
    @FunctionalInterface
    interface Maker<T> {
        T make() throws IOException;
    }

    private final CompletableFuture<T> made = new CompletableFuture<>();

    private Background() {
    }

    static <T> Background<T> make(String threadName, Maker<T> maker) {
        Background<T> background = new Background<>();
        Thread thread = new Thread(() -> {
            try {
                background.made.complete(maker.make());
            } catch (IOException | RuntimeException | Error e) {
                background.made.completeExceptionally(e);
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return background;
    }

    /** @return the part, once made; throws what making it threw */
    T await() throws IOException {
        try {
            return made.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException) {
                throw (IOException) e.getCause();
            }
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw e;
        }
    }

    /** Waits until the part is made (if it is) and closes it: for when the service does not start. */
    void closeWhenMade(Consumer<T> close) {
        made.whenComplete((part, failure) -> {
            if (part != null) {
                close.accept(part);
            }
        }).exceptionally(ignored -> null).join();
    }
}
