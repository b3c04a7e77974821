package dev.switchboard.core.config;

import java.util.List;

/** Which keys of {@code data} are redacted before any handler sees an event, and how. */
public record RedactSettings(List<String> keys, Mode mode) {

    public enum Mode { REMOVE, MASK }

    public static final RedactSettings DEFAULT =
            new RedactSettings(List.of("api_key", "password", "secret"), Mode.REMOVE);
}
