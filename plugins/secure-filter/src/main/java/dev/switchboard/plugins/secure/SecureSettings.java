package dev.switchboard.plugins.secure;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.HandlerConfig;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The secure filter's {@code config:} block, read and checked once when the filter is created.
 *
 * @param emails whether e-mail addresses are redacted too
 * @param denyKeys key names whose whole value is redacted, at any depth, as written
 * @param allowKeys the only top-level data keys that pass, or null when every key passes
 * @param patterns extra detectors: marker name to compiled pattern, in file order
 */
record SecureSettings(
        boolean emails, List<String> denyKeys, Set<String> allowKeys, Map<String, Pattern> patterns) {

    /** What the block may hold; the runtime refuses any other key (a misspelt deny_keys would let secrets through). */
    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.bool("emails", "Whether e-mail addresses are redacted too").defaultValue(false),
            ConfigKey.list("deny_keys", "Keys whose whole value is redacted, at any depth"),
            ConfigKey.list("allow_keys", "The only top-level data keys that pass; absent: every key passes"),
            ConfigKey.map("patterns", "Extra detectors: marker name to Java regular expression"));

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

    static SecureSettings read(HandlerConfig config) {
        Set<String> allowKeys = config.has("allow_keys")
                ? new LinkedHashSet<>(config.stringList("allow_keys"))
                : null;
        return new SecureSettings(
                config.bool("emails", false),
                List.copyOf(config.stringList("deny_keys")),
                allowKeys,
                compile(config.stringMap("patterns")));
    }

    private static Map<String, Pattern> compile(Map<String, String> sources) {
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        sources.forEach((name, regex) -> {
            String key = "patterns." + name;
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(key,
                        "a pattern name becomes the marker [REDACTED:NAME]; use letters, digits, _ . -");
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new ConfigException(key, "not a valid Java regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
            if (pattern.matcher("").matches()) {
                throw new ConfigException(key, "the pattern matches the empty string");
            }
            patterns.put(name, pattern);
        });
        return patterns;
    }
}
