package dev.switchboard.core.server;

import org.eclipse.jetty.http.HttpStatus;

/**
 * Reads the query parameters the listing routes share: paging ({@code offset} from 0, {@code limit}
 * 1–1000, default 100) and optional text filters, answering 400 naming the parameter for a bad one.
 */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private QueryParameters() {
    }

    static int offset(Exchange exchange) throws ApiError {
        return integer(exchange, "offset", 0, 0, Integer.MAX_VALUE);
    }

    static int limit(Exchange exchange) throws ApiError {
        return integer(exchange, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** @return the parameter, or null when it is absent or blank */
    static String text(Exchange exchange, String name) {
        String value = exchange.query(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static int integer(Exchange exchange, String name, int fallback, int min, int max) throws ApiError {
        String text = text(exchange, name);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = Integer.MIN_VALUE;
        }
        if (value < min || value > max) {
            String range = max == Integer.MAX_VALUE ? "a whole number from " + min : "a whole number from " + min + " to " + max;
            throw new ApiError(HttpStatus.BAD_REQUEST_400, name + " must be " + range, name);
        }
        return value;
    }
}
