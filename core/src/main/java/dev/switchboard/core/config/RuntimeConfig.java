package dev.switchboard.core.config;

import java.util.List;

/**
 * A whole {@code handlers.yaml}.
 *
 * @param source the file name used in error lines
 * @param server the {@code server:} section, empty when absent (read by the HTTP service)
 * @param store the {@code store:} section, empty when absent (read when the runtime opens its store)
 */
public record RuntimeConfig(String source, List<HandlerSpec> handlers, ConfigBlock server, ConfigBlock store) {
}
