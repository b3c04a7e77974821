package dev.switchboard.core.delivery;

import java.time.Duration;

/** What happens after a failed attempt: another attempt after a wait, or the end. */
record RetryDecision(boolean retry, Duration delay, String reason, boolean handlerBug) {

    static RetryDecision retryAfter(Duration delay, String reason) {
        return new RetryDecision(true, delay, reason, false);
    }

    static RetryDecision giveUp(String reason) {
        return new RetryDecision(false, Duration.ZERO, reason, false);
    }

    static RetryDecision bug(String reason) {
        return new RetryDecision(false, Duration.ZERO, reason, true);
    }
}
