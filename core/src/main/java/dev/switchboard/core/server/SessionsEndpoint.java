package dev.switchboard.core.server;

import dev.switchboard.core.sessions.SessionPage;
import dev.switchboard.core.sessions.SessionStatus;
import dev.switchboard.core.sessions.Sessions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code GET /v1/sessions} (newest first, {@code offset}, {@code limit} 1–1000, {@code status},
 * {@code spec_name}), {@code GET /v1/sessions/{id}} and {@code DELETE /v1/sessions/{id}}.
 */
final class SessionsEndpoint {

    private final Sessions sessions;

    SessionsEndpoint(Sessions sessions) {
        this.sessions = sessions;
    }

    void list(Exchange exchange) throws ApiError {
        int offset = QueryParameters.offset(exchange);
        int limit = QueryParameters.limit(exchange);
        String statusLabel = QueryParameters.text(exchange, "status");
        SessionStatus status = null;
        if (statusLabel != null) {
            status = SessionStatus.parse(statusLabel).orElseThrow(() -> new ApiError(HttpStatus.BAD_REQUEST_400,
                    "status must be one of " + String.join(", ", SessionStatus.labels()), "status")
                    .with("valid", SessionStatus.labels()));
        }
        SessionPage page = sessions.list(offset, limit, status, QueryParameters.text(exchange, "spec_name"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items().stream().map(SessionJson::summary).toList());
        answer.put("offset", page.offset());
        answer.put("limit", page.limit());
        answer.put("total", page.total());
        exchange.json(HttpStatus.OK_200, answer);
    }

    void get(Exchange exchange) throws ApiError {
        String id = exchange.pathParameter(0);
        exchange.json(HttpStatus.OK_200, SessionJson.detail(sessions.find(id).orElseThrow(() -> unknown(id))));
    }

    void delete(Exchange exchange) throws ApiError {
        String id = exchange.pathParameter(0);
        if (!sessions.delete(id)) {
            throw unknown(id);
        }
        exchange.empty(HttpStatus.NO_CONTENT_204);
    }

    static ApiError unknown(String id) {
        return new ApiError(HttpStatus.NOT_FOUND_404, "no session '" + id + "' is known");
    }
}
