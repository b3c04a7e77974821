package dev.switchboard.api;

import java.time.Clock;

/**
 * What the runtime gives a factory when it creates a handler or filter: the handler's name, its
 * {@code config:} block, and the runtime's shared services.
 *
 * <p>Valid for the handler's whole life; thread-safe.
 *
 * @since 0.1
 */
public interface HandlerContext {

    /**
     * @return the handler's {@code name} from {@code handlers.yaml}; for a filter, the name of the
     *     handler it is attached to
     */
    String name();

    /** @return the {@code config:} block, environment variables substituted; never null */
    HandlerConfig config();

    /** @return the runtime's shared HTTP client; never null */
    HttpTransport http();

    /** @return the runtime's clock; tests may fix it */
    Clock clock();

    /** @return the runtime's version, e.g. {@code 0.1.0} */
    String runtimeVersion();
}
