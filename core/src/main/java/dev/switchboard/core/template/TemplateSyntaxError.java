package dev.switchboard.core.template;

import dev.switchboard.api.ConfigException;

/**
 * A payload template that does not compile. Unlike other {@link ConfigException}s it knows the
 * exact place, inside {@code handlers.yaml} or inside the template file, that the error line starts with.
 */
public final class TemplateSyntaxError extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String location;

    TemplateSyntaxError(String key, String location, String message) {
        super(key, message);
        this.location = location;
    }

    /** @return {@code FILE:LINE:COLUMN} of the error */
    public String location() {
        return location;
    }
}
