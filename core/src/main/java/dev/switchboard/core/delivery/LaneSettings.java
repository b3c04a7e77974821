package dev.switchboard.core.delivery;

import dev.switchboard.core.config.RetrySettings;

/** The numbers a lane runs by, taken from its handler's entry in handlers.yaml. */
record LaneSettings(String name, String type, RetrySettings retry, int concurrency, int queueCapacity) {
}
