package dev.switchboard.api;

import java.time.Clock;
import java.util.Optional;

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

    /**
     * The handler's payload template, from {@code config.template} (the template's text inline) or
     * {@code config.template_file} (a path, relative to the folder of {@code handlers.yaml}),
     * compiled now: a handler that offers templates calls this once, in its factory's
     * {@code create}. A template that does not compile is a configuration error pointing at the
     * template's line and column.
     *
     * @return the compiled template; empty when the block has neither key
     * @throws ConfigException if both keys are given, the file cannot be read, or the template does
     *     not compile
     * @since 0.2
     */
    default Optional<PayloadTemplate> payloadTemplate() {
        return Optional.empty();
    }
}
