package dev.switchboard.core.server;

import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Who may call a route: {@code /healthz} and {@code /readyz} are open, the {@code /v1} API needs
 * one of {@code server.api_keys} (when any is configured) as {@code X-API-Key} or
 * {@code Authorization: Bearer}, and {@code /metrics} follows {@code server.metrics_auth}.
 * Keys are never logged or echoed.
 */
final class Access {

    /** What a route asks of its caller. */
    enum Need { NOTHING, API_KEY, METRICS }

    private static final String X_API_KEY = "X-API-Key";

    private final ApiKeys keys;
    private final MetricsAuth metricsAuth;

    Access(ApiKeys keys, MetricsAuth metricsAuth) {
        this.keys = keys;
        this.metricsAuth = metricsAuth;
    }

    /** @throws ApiError 401 without a key, 403 with a wrong one */
    void check(Need need, Exchange exchange) throws ApiError {
        if (need == Need.NOTHING || !keys.required() || (need == Need.METRICS && metricsAuth == MetricsAuth.OPEN)) {
            return;
        }
        String presented = presentedKey(exchange);
        if (presented == null) {
            throw new ApiError(HttpStatus.UNAUTHORIZED_401, "an API key is required: send X-API-Key or Authorization: Bearer")
                    .header(HttpHeader.WWW_AUTHENTICATE.asString(), "Bearer");
        }
        if (!keys.accepts(presented)) {
            throw new ApiError(HttpStatus.FORBIDDEN_403, "the API key is not valid");
        }
    }

    private static String presentedKey(Exchange exchange) {
        String key = exchange.request.getHeaders().get(X_API_KEY);
        if (key != null && !key.isBlank()) {
            return key.strip();
        }
        String authorization = exchange.header(HttpHeader.AUTHORIZATION);
        if (authorization != null && authorization.length() > 7
                && authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            String token = authorization.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
