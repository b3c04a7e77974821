package dev.switchboard.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code config:} block of one handler or filter in {@code handlers.yaml}, with
 * environment variables already substituted, read through typed getters.
 *
 * <p>Every getter that cannot answer throws a {@link ConfigException} naming the key, which the
 * runtime reports as {@code handlers.yaml:LINE:COLUMN: handler 'NAME': config.KEY: message}. Read
 * everything you need in {@link dev.switchboard.api.spi.HandlerFactory#create}, so that
 * {@code switchboard validate} finds every mistake before the first event. Thread-safe and
 * immutable.
 *
 * @since 0.1
 */
public interface HandlerConfig {

    /** @param key a top-level key @return whether the key is present with a non-null value */
    boolean has(String key);

    /**
     * @param key a top-level key
     * @return the value as a string
     * @throws ConfigException if the key is missing or not a scalar
     */
    String string(String key);

    /**
     * @param key a top-level key
     * @param defaultValue returned when the key is absent; may be null
     * @return the value as a string, or the default
     * @throws ConfigException if the value is not a scalar
     */
    String string(String key, String defaultValue);

    /**
     * Reads a secret (a token, a DSN, an API key). Like {@link #string(String)}, but the runtime
     * never prints the value: not in logs, errors or {@code validate} output.
     *
     * @param key a top-level key
     * @return the secret value
     * @throws ConfigException if the key is missing or not a scalar
     */
    String secret(String key);

    /**
     * @param key a top-level key
     * @param defaultValue returned when the key is absent
     * @return the value as an int
     * @throws ConfigException if the value is not a whole number in int range
     */
    int integer(String key, int defaultValue);

    /**
     * @param key a top-level key
     * @param defaultValue returned when the key is absent
     * @return the value as a double
     * @throws ConfigException if the value is not a number
     */
    double number(String key, double defaultValue);

    /**
     * @param key a top-level key
     * @param defaultValue returned when the key is absent
     * @return the value as a boolean
     * @throws ConfigException if the value is not {@code true} or {@code false}
     */
    boolean bool(String key, boolean defaultValue);

    /**
     * Reads a duration written as a number and a unit: {@code 250ms}, {@code 10s}, {@code 5m},
     * {@code 1h}.
     *
     * @param key a top-level key
     * @param defaultValue returned when the key is absent
     * @return the duration
     * @throws ConfigException if the value is not such a duration
     */
    Duration duration(String key, Duration defaultValue);

    /**
     * @param key a top-level key
     * @return the list's items as strings; empty when the key is absent
     * @throws ConfigException if the value is not a list of scalars
     */
    List<String> stringList(String key);

    /**
     * @param key a top-level key
     * @return the map with its values as strings, in file order; empty when the key is absent
     * @throws ConfigException if the value is not a map of scalars
     */
    Map<String, String> stringMap(String key);

    /**
     * @param key a top-level key
     * @return the nested block; empty when the key is absent
     * @throws ConfigException if the value is not a map
     */
    HandlerConfig section(String key);

    /** @return the whole block as an unmodifiable map tree, for plugins with free-form config */
    Map<String, Object> asMap();
}
