package dev.switchboard.core.config;

import dev.switchboard.api.HandlerConfig;

/**
 * A {@code config:} block (or the {@code server:} section) that remembers where each of its keys
 * stands, so that a {@link dev.switchboard.api.ConfigException} thrown for a key can be reported
 * at the key's line and column.
 */
public interface ConfigBlock extends HandlerConfig {

    /**
     * @param dottedKey a key inside this block, e.g. {@code url} or {@code headers.Authorization};
     *     null for the block itself
     * @return where that key stands; the block's own position when the key is absent or null
     */
    Position positionOf(String dottedKey);
}
