package dev.switchboard.plugins.sentry;

import java.util.ArrayList;
import java.util.List;

/**
 * The secret parts of one DSN (the whole DSN, its public key and its legacy secret key), so that
 * any text we print can be scrubbed of them first.
 */
final class DsnSecrets {

    private static final String MASK = "***";

    private final List<String> secrets;

    private DsnSecrets(List<String> secrets) {
        this.secrets = List.copyOf(secrets);
    }

    static DsnSecrets of(String dsn) {
        List<String> parts = new ArrayList<>();
        String trimmed = dsn.trim();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
        int schemeEnd = trimmed.indexOf("://");
        int at = trimmed.indexOf('@', schemeEnd < 0 ? 0 : schemeEnd + 3);
        if (schemeEnd >= 0 && at > schemeEnd + 3) {
            for (String key : trimmed.substring(schemeEnd + 3, at).split(":")) {
                if (!key.isEmpty()) {
                    parts.add(key);
                }
            }
        }
        return new DsnSecrets(parts);
    }

    /** @return the text with every secret part of the DSN masked; null stays null */
    String scrub(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
