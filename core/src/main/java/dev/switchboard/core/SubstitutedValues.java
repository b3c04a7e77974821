package dev.switchboard.core;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values that {@code ${VAR}} references in a handlers.yaml take from the environment: where a
 * configuration reads a variable, its value is likely a secret kept out of the file, so the
 * delivery engine masks it in reasons and log lines. The text is scanned as written (a reference
 * in a comment counts too: masking one value more is harmless).
 */
final class SubstitutedValues {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?}");

    private SubstitutedValues() {
    }

    static Set<String> in(String configText, Map<String, String> env) {
        Set<String> values = new LinkedHashSet<>();
        Matcher matcher = REFERENCE.matcher(configText);
        while (matcher.find()) {
            String value = env.get(matcher.group(1));
            if (value != null && !value.isBlank()) {
                values.add(value);
            }
        }
        return values;
    }
}
