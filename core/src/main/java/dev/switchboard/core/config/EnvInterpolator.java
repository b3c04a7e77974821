package dev.switchboard.core.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Substitutes {@code ${VAR}} and {@code ${VAR:-default}} in a scalar from an environment map;
 * {@code $${} stands for a literal {@code ${}. As in a POSIX shell, the default also applies
 * when the variable is set but empty.
 */
final class EnvInterpolator {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** @param substituted whether any {@code ${...}} was replaced (the text may hold a secret) */
    record Result(String text, boolean substituted) {
    }

    /** A reference that cannot be resolved; the message never holds a variable's value. */
    static final class Failure extends Exception {

        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, String> env;

    EnvInterpolator(Map<String, String> env) {
        this.env = env;
    }

    Result resolve(String text) throws Failure {
        if (text.indexOf('$') < 0) {
            return new Result(text, false);
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean substituted = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw new Failure("unclosed ${: write ${VAR} or ${VAR:-default}, or $${ for a literal ${");
                }
                out.append(lookUp(text.substring(i + 2, end)));
                substituted = true;
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return new Result(out.toString(), substituted);
    }

    private String lookUp(String reference) throws Failure {
        int colon = reference.indexOf(":-");
        String name = colon < 0 ? reference : reference.substring(0, colon);
        if (!NAME.matcher(name).matches()) {
            throw new Failure("bad variable reference '${" + reference
                    + "}': write ${VAR} or ${VAR:-default} with letters, digits and _");
        }
        String value = env.get(name);
        if (colon >= 0 && (value == null || value.isEmpty())) {
            return reference.substring(colon + 2);
        }
        if (value == null) {
            throw new Failure("environment variable " + name + " is not set");
        }
        return value;
    }
}
