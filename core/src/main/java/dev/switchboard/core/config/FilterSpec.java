package dev.switchboard.core.config;

/** One entry of a handler's {@code filters:} list. */
public record FilterSpec(String type, ConfigBlock config, Position position) {
}
