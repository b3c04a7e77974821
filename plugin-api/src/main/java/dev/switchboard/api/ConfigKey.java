package dev.switchboard.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One key that a handler's or filter's {@code config:} block may hold: its name, its type,
 * whether it is required or what it defaults to, whether it is a secret, and a one-line
 * description. A factory lists its keys in
 * {@link dev.switchboard.api.spi.HandlerFactory#configKeys()}; the runtime then checks every
 * {@code config:} block against them before calling {@code create} (an unknown key, with a
 * "did you mean" for a near miss; a value of the wrong type; a required key that is missing),
 * reports each mistake at its line and column, and writes the keys into the JSON Schema of
 * {@code handlers.yaml} that {@code switchboard schema} prints.
 *
 * <pre>{@code
 * public List<ConfigKey> configKeys() {
 *     return List.of(
 *             ConfigKey.string("webhook_url", "Slack incoming webhook URL").required().secret(),
 *             ConfigKey.string("channel", "Channel to post to").defaultValue("#workflows"),
 *             ConfigKey.duration("timeout", "How long one post may take").defaultValue(Duration.ofSeconds(5)));
 * }
 * }</pre>
 *
 * <p>The declaration checks the form of each value only; the factory still reads the values
 * through {@link HandlerConfig} and checks their meaning (a URL's scheme, a port's range).
 *
 * <p>Immutable and thread-safe: every method that changes something returns a new key.
 *
 * @since 0.1
 */
public final class ConfigKey {

    /**
     * The form a value must have. Each type matches one getter of {@link HandlerConfig}.
     *
     * @since 0.1
     */
    public enum Type {
        /** A single value, read as text with {@link HandlerConfig#string(String)}. */
        STRING,
        /** A whole number within {@code int} range ({@link HandlerConfig#integer}). */
        INTEGER,
        /** A finite number ({@link HandlerConfig#number}). */
        NUMBER,
        /** {@code true} or {@code false} ({@link HandlerConfig#bool}). */
        BOOLEAN,
        /** A number and a unit such as {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h} ({@link HandlerConfig#duration}). */
        DURATION,
        /** A list of single values ({@link HandlerConfig#stringList}). */
        LIST,
        /** A map whose values are single values ({@link HandlerConfig#stringMap}). */
        MAP;

        /** @return the name written in messages and documentation, e.g. {@code duration} */
        public String displayName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private final String name;
    private final Type type;
    private final String description;
    private final boolean required;
    private final boolean secret;
    private final Object defaultValue;

    private ConfigKey(String name, Type type, String description, boolean required, boolean secret,
                      Object defaultValue) {
        this.name = name;
        this.type = type;
        this.description = description;
        this.required = required;
        this.secret = secret;
        this.defaultValue = defaultValue;
    }

    /**
     * Declares an optional key without default.
     *
     * @param name the key as written in {@code config:}: letters, digits, {@code _}, {@code .} and
     *     {@code -}, not starting with {@code .} or {@code -}
     * @param type the form its value must have
     * @param description one line saying what the key does; no line breaks
     * @return the key
     * @throws IllegalArgumentException if the name or the description is empty or malformed
     */
    public static ConfigKey of(String name, Type type, String description) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("config key name '" + name
                    + "': use letters, digits, '_', '.' and '-'");
        }
        if (description.isBlank() || description.contains("\n") || description.contains("\r")) {
            throw new IllegalArgumentException("config key '" + name + "': the description must be one non-empty line");
        }
        return new ConfigKey(name, type, description.strip(), false, false, null);
    }

    /** @param name the key @param description one line @return an optional {@link Type#STRING} key */
    public static ConfigKey string(String name, String description) {
        return of(name, Type.STRING, description);
    }

    /** @param name the key @param description one line @return an optional {@link Type#INTEGER} key */
    public static ConfigKey integer(String name, String description) {
        return of(name, Type.INTEGER, description);
    }

    /** @param name the key @param description one line @return an optional {@link Type#NUMBER} key */
    public static ConfigKey number(String name, String description) {
        return of(name, Type.NUMBER, description);
    }

    /** @param name the key @param description one line @return an optional {@link Type#BOOLEAN} key */
    public static ConfigKey bool(String name, String description) {
        return of(name, Type.BOOLEAN, description);
    }

    /** @param name the key @param description one line @return an optional {@link Type#DURATION} key */
    public static ConfigKey duration(String name, String description) {
        return of(name, Type.DURATION, description);
    }

    /** @param name the key @param description one line @return an optional {@link Type#LIST} key */
    public static ConfigKey list(String name, String description) {
        return of(name, Type.LIST, description);
    }

    /** @param name the key @param description one line @return an optional {@link Type#MAP} key */
    public static ConfigKey map(String name, String description) {
        return of(name, Type.MAP, description);
    }

    /**
     * @return a copy that must be present: a block without it is refused before {@code create}
     * @throws IllegalStateException if the key has a default
     */
    public ConfigKey required() {
        if (defaultValue != null) {
            throw new IllegalStateException("config key '" + name + "' has a default, so it cannot be required");
        }
        return new ConfigKey(name, type, description, true, secret, null);
    }

    /**
     * @return a copy marked secret (a token, a password, a URL that holds one): the runtime never
     *     prints its value, and the schema marks it {@code writeOnly}; read it with
     *     {@link HandlerConfig#secret(String)}
     */
    public ConfigKey secret() {
        return new ConfigKey(name, type, description, required, true, defaultValue);
    }

    /**
     * Documents the value the factory uses when the key is absent. The runtime does not insert it
     * into the block: the factory still passes it to the {@link HandlerConfig} getter.
     *
     * @param value a {@code String} for {@link Type#STRING}, an {@code Integer} or {@code Long}
     *     for {@link Type#INTEGER}, a {@code Number} for {@link Type#NUMBER}, a {@code Boolean},
     *     a {@link Duration}, a {@code List<String>} or a {@code Map<String, String>}
     * @return a copy with that default
     * @throws IllegalArgumentException if the value does not fit the key's type
     * @throws IllegalStateException if the key is required
     */
    public ConfigKey defaultValue(Object value) {
        Objects.requireNonNull(value, "value");
        if (required) {
            throw new IllegalStateException("config key '" + name + "' is required, so it has no default");
        }
        return new ConfigKey(name, type, description, false, secret, checkedDefault(value));
    }

    private Object checkedDefault(Object value) {
        boolean fits = switch (type) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Integer || value instanceof Long;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
            case DURATION -> value instanceof Duration d && !d.isNegative();
            case LIST -> value instanceof List<?> l && l.stream().allMatch(String.class::isInstance);
            case MAP -> value instanceof Map<?, ?> m && m.keySet().stream().allMatch(String.class::isInstance)
                    && m.values().stream().allMatch(String.class::isInstance);
        };
        if (!fits) {
            throw new IllegalArgumentException("config key '" + name + "': default " + value.getClass().getSimpleName()
                    + " does not fit type " + type.displayName());
        }
        if (value instanceof List<?> list) {
            return List.copyOf(list);
        }
        return value instanceof Map<?, ?> map ? Map.copyOf(map) : value;
    }

    /** @return the key as written in {@code config:}; never null */
    public String name() {
        return name;
    }

    /** @return the form its value must have; never null */
    public Type type() {
        return type;
    }

    /** @return the one-line description; never null */
    public String description() {
        return description;
    }

    /** @return whether a block without this key is refused */
    public boolean isRequired() {
        return required;
    }

    /** @return whether the value must never be printed */
    public boolean isSecret() {
        return secret;
    }

    /**
     * @return the documented default, of the class {@link #defaultValue(Object)} accepts for the
     *     type (a {@link Duration} for {@link Type#DURATION}); null when the key has none
     */
    public Object defaultValue() {
        return defaultValue;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigKey key && name.equals(key.name) && type == key.type
                && description.equals(key.description) && required == key.required && secret == key.secret
                && Objects.equals(defaultValue, key.defaultValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, description, required, secret, defaultValue);
    }

    /** @return e.g. {@code webhook_url (string, required, secret)}; never holds a value but the default */
    @Override
    public String toString() {
        return name + " (" + type.displayName() + (required ? ", required" : "") + (secret ? ", secret" : "")
                + (defaultValue == null ? "" : ", default " + defaultValue) + ")";
    }
}
