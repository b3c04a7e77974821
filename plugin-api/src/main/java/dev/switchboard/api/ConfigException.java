package dev.switchboard.api;

/**
 * A handler's or filter's {@code config:} block is wrong: a required key is missing or a value has
 * the wrong type or form. Thrown by {@link HandlerConfig}'s getters and by factories; the runtime
 * turns it into one line naming the file, line and column of the key, e.g.
 * {@code handlers.yaml:12:7: handler 'audit': config.url: required key is missing}.
 *
 * <p>The message must never contain the value of a secret.
 *
 * @since 0.1
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key the dotted key inside {@code config:} at fault (e.g. {@code url} or
     *     {@code headers.Authorization}), or null when the block as a whole is at fault
     * @param message what is wrong, without the file position (the runtime adds it)
     */
    public ConfigException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** @return the dotted key at fault, or null when the whole block is */
    public String key() {
        return key;
    }
}
