package dev.switchboard.core.config;

import dev.switchboard.api.ConfigException;

/**
 * Turns a {@link ConfigException} thrown by a plugin factory (or by the getters of its
 * {@code config:} block) into one error line at the key's place in the file, e.g.
 * {@code handlers.yaml:12:7: handler 'audit': config.url: required key is missing}.
 */
public final class ConfigErrors {

    private ConfigErrors() {
    }

    /** @return {@code FILE:LINE:COLUMN: handler 'NAME': config.KEY: message} */
    public static String forHandler(HandlerSpec spec, ConfigException e) {
        return at(spec.config(), e) + "handler '" + spec.name() + "': " + key("config", e) + e.getMessage();
    }

    /** @return {@code FILE:LINE:COLUMN: handler 'NAME': filter 'TYPE': config.KEY: message} */
    public static String forFilter(HandlerSpec spec, FilterSpec filter, ConfigException e) {
        return at(filter.config(), e) + "handler '" + spec.name() + "': filter '" + filter.type() + "': "
                + key("config", e) + e.getMessage();
    }

    /** @return {@code FILE:LINE:COLUMN: server.KEY: message}, for readers of the {@code server:} section */
    public static String forServer(RuntimeConfig config, ConfigException e) {
        return at(config.server(), e) + key("server", e) + e.getMessage();
    }

    /** @return {@code FILE:LINE:COLUMN: store.KEY: message}, for the reader of the {@code store:} section */
    public static String forStore(RuntimeConfig config, ConfigException e) {
        return at(config.store(), e) + key("store", e) + e.getMessage();
    }

    private static String at(ConfigBlock block, ConfigException e) {
        return block.positionOf(e.key()) + ": ";
    }

    private static String key(String section, ConfigException e) {
        return e.key() == null ? section + ": " : section + "." + e.key() + ": ";
    }
}
