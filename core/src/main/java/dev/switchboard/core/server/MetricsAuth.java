package dev.switchboard.core.server;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code server.metrics_auth}: whether {@code GET /metrics} needs an API key. */
enum MetricsAuth {
    /** Open when the server listens on a loopback address, else like {@link #API_KEY}. */
    AUTO,
    OPEN,
    /** Needs one of {@code server.api_keys}, like the {@code /v1} API. */
    API_KEY;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static List<String> labels() {
        return Arrays.stream(values()).map(MetricsAuth::label).toList();
    }

    static Optional<MetricsAuth> parse(String label) {
        return Arrays.stream(values()).filter(auth -> auth.label().equals(label)).findFirst();
    }
}
