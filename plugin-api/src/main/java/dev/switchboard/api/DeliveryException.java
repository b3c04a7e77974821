package dev.switchboard.api;

import java.time.Duration;
import java.util.Optional;

/**
 * A delivery attempt failed, and this says whether another attempt could succeed.
 *
 * <p>The runtime's retry policy reads it: a retryable failure is scheduled again after the
 * handler's backoff, or after {@link #retryAfter()} when the destination said how long to wait
 * (capped by the handler's {@code max_backoff}); a permanent failure ends the delivery at once
 * and is recorded with this exception's message. Messages are shown to operators: never put a
 * secret in them.
 *
 * <pre>{@code
 * if (status == 429) throw DeliveryException.retryAfter("HTTP 429 rate limited", Duration.ofSeconds(3));
 * if (status >= 500) throw DeliveryException.retryable("HTTP " + status);
 * throw DeliveryException.permanent("HTTP " + status + ": " + reason);
 * }</pre>
 *
 * @since 0.1
 */
public class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final Duration retryAfter;
    private final int statusCode;

    /**
     * @param message what failed, shown to operators; no secrets
     * @param retryable whether another attempt may succeed
     * @param retryAfter how long the destination asked to wait, or null
     * @param statusCode the protocol's status code (e.g. HTTP status), or 0 when there is none
     * @param cause the underlying failure, or null
     */
    public DeliveryException(String message, boolean retryable, Duration retryAfter,
                             int statusCode, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.retryAfter = retryAfter;
        this.statusCode = statusCode;
    }

    /**
     * @param message what failed
     * @return a failure worth retrying after the usual backoff
     */
    public static DeliveryException retryable(String message) {
        return new DeliveryException(message, true, null, 0, null);
    }

    /**
     * @param message what failed
     * @param wait how long the destination asked to wait before the next attempt
     * @return a failure worth retrying after {@code wait}
     */
    public static DeliveryException retryAfter(String message, Duration wait) {
        return new DeliveryException(message, true, wait, 0, null);
    }

    /**
     * @param message what failed and why
     * @return a failure that no retry will fix
     */
    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, false, null, 0, null);
    }

    /** @return whether another attempt may succeed */
    public boolean isRetryable() {
        return retryable;
    }

    /** @return the wait the destination asked for (e.g. a 429's Retry-After), if it gave one */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return the protocol's status code, or 0 when there is none */
    public int statusCode() {
        return statusCode;
    }
}
