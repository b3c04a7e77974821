package dev.switchboard.core.plugin;

import java.util.Objects;

/**
 * Runs plugin code with the thread context class loader set to the plugin's class loader, and
 * restores the previous one afterwards, as Kafka Connect's {@code LoaderSwap} does. Libraries
 * inside a plugin (JSON mappers, SDKs, JDBC drivers) look classes and resources up through the
 * context class loader; without the swap they would see the host's class path instead of the
 * plugin's JAR.
 *
 * <p>The runtime wraps every call into plugin code with it: {@code create}, {@code handle},
 * {@code apply} and {@code close}.
 *
 * @since 0.1
 */
public final class ContextClassLoaders {

    /**
     * Work that returns a value and may throw {@code E}; a lambda that throws no checked
     * exception makes {@code E} a {@link RuntimeException}, so callers need no try/catch.
     *
     * @param <T> the result
     * @param <E> what the work may throw
     */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        /** @return the result @throws E when the work fails */
        T call() throws E;
    }

    /**
     * Work without a result that may throw {@code E}.
     *
     * @param <E> what the work may throw
     */
    @FunctionalInterface
    public interface Run<E extends Exception> {
        /** @throws E when the work fails */
        void run() throws E;
    }

    private ContextClassLoaders() {
    }

    /**
     * Calls {@code work} on the current thread with {@code loader} as its context class loader.
     *
     * @param loader the class loader plugin code expects, normally the plugin's own
     * @param work what to run
     * @param <T> the result
     * @param <E> what the work may throw
     * @return what {@code work} returned
     * @throws E what {@code work} threw; the previous context class loader is restored either way
     */
    public static <T, E extends Exception> T callWith(ClassLoader loader, Call<T, E> work)
            throws E {
        Objects.requireNonNull(loader, "loader");
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        if (previous == loader) {
            return work.call();
        }
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Runs {@code work} on the current thread with {@code loader} as its context class loader.
     *
     * @param loader the class loader plugin code expects, normally the plugin's own
     * @param work what to run
     * @param <E> what the work may throw
     * @throws E what {@code work} threw; the previous context class loader is restored either way
     */
    public static <E extends Exception> void runWith(ClassLoader loader, Run<E> work) throws E {
        callWith(loader, () -> {
            work.run();
            return null;
        });
    }
}
