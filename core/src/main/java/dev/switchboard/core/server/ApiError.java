package dev.switchboard.core.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer other than success, thrown by an endpoint and written as
 * {@code {"error": "...", "field": "..."}} with its status (and any extra members and headers).
 */
final class ApiError extends Exception {

    private static final long serialVersionUID = 1L;

    final int status;
    final String field;
    final Map<String, Object> extra = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();

    ApiError(int status, String message) {
        this(status, message, null);
    }

    ApiError(int status, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    ApiError with(String member, Object value) {
        extra.put(member, value);
        return this;
    }

    ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", getMessage());
        if (field != null) {
            body.put("field", field);
        }
        body.putAll(extra);
        return body;
    }
}
