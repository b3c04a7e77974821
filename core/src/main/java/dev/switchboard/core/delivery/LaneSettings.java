package dev.switchboard.core.delivery;

import dev.switchboard.core.config.DeliveryPolicy;
import dev.switchboard.core.config.RetrySettings;

/**
 * The numbers a lane runs by, taken from its handler's entry in handlers.yaml.
 *
 * @param plugin the plugin that provides the handler's type, named in the lane's log lines
 */
record LaneSettings(String name, String type, String plugin, RetrySettings retry, int concurrency,
                    int queueCapacity, DeliveryPolicy policy) {
}
