package dev.switchboard.core.server;

/** Answers one route; throws {@link ApiError} for any answer other than success. */
@FunctionalInterface
interface Endpoint {

    void handle(Exchange exchange) throws Exception;
}
