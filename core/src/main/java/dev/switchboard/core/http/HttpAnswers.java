package dev.switchboard.core.http;

import dev.switchboard.api.DeliveryException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Classifies an HTTP answer for the retry policy: 2xx delivered; 408 and 429 retried after their
 * Retry-After; 5xx retried; any other status fails for good, with the start of the body (often
 * the receiver's reason, e.g. Slack's {@code invalid_payload}) in the message.
 */
final class HttpAnswers {

    private static final int MAX_REASON_CHARS = 200;

    private HttpAnswers() {
    }

    /** @return null when the answer means delivered, else the failure to report */
    static DeliveryException classify(int status, String retryAfterHeader, String body, Instant now) {
        if (status >= 200 && status < 300) {
            return null;
        }
        String message = "HTTP " + status + reason(body);
        if (status == 408 || status == 429) {
            return new DeliveryException(message, true, parseRetryAfter(retryAfterHeader, now), status, null);
        }
        if (status >= 500) {
            return new DeliveryException(message, true, null, status, null);
        }
        return new DeliveryException(message, false, null, status, null);
    }

    /** Reads Retry-After as delta-seconds or as an HTTP-date; null when absent or unreadable. */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        if (oneLine.length() > MAX_REASON_CHARS) {
            oneLine = oneLine.substring(0, MAX_REASON_CHARS) + "…";
        }
        return ": " + oneLine;
    }
}
