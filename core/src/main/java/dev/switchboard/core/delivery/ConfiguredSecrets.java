package dev.switchboard.core.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What counts as a secret in a handler's {@code config:} block: every value under a key named
 * like a credential ({@code token}, {@code secret}, {@code password}, {@code api_key},
 * {@code authorization}, {@code dsn}, {@code webhook_url}, …) and every value under
 * {@code headers} (with the credential after a scheme such as {@code Bearer} on its own), and of
 * every URL its user-info and what follows the host beyond {@code /} (a Slack or Discord webhook
 * URL carries its token in the path).
 */
final class ConfiguredSecrets {

    private static final List<String> SECRET_KEYS = List.of("token", "secret", "password", "passwd", "api_key",
            "apikey", "authorization", "credential", "private_key", "dsn", "webhook_url");

    private final Set<String> found = new LinkedHashSet<>();

    private ConfiguredSecrets() {
    }

    static Set<String> in(Map<String, Object> config) {
        ConfiguredSecrets secrets = new ConfiguredSecrets();
        secrets.visit(config, false);
        return secrets.found;
    }

    private void visit(Object value, boolean secret) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> visit(inner, secret || isSecretKey(String.valueOf(key))));
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> visit(inner, secret));
        } else if (value instanceof String text) {
            if (secret) {
                addWithCredential(text);
            }
            addUrlParts(text);
        }
    }

    private static boolean isSecretKey(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.equals("headers") || SECRET_KEYS.stream().anyMatch(lower::contains);
    }

    /** {@code Bearer abc…}: the whole value, and the credential alone (receivers echo either). */
    private void addWithCredential(String text) {
        found.add(text);
        String[] words = text.trim().split("\\s+");
        if (words.length > 1) {
            found.add(words[words.length - 1]);
        }
    }

    private void addUrlParts(String text) {
        if (!text.contains("://")) {
            return;
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException notAUrl) {
            return;
        }
        if (uri.getRawUserInfo() != null) {
            found.add(uri.getRawUserInfo());
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery();
        String rest = query == null ? path : path + "?" + query;
        if (!rest.isEmpty() && !rest.equals("/")) {
            found.add(rest);
        }
        if (query != null) {
            found.add(query);
        }
    }
}
