package dev.switchboard.core.runtime;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import java.time.Clock;

/** The context a factory receives: the handler's name, its config and the shared services. */
record RuntimeHandlerContext(String name, HandlerConfig config, HttpTransport http, Clock clock,
                             String runtimeVersion) implements HandlerContext {
}
