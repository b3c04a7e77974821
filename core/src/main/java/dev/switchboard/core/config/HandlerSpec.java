package dev.switchboard.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code handlers:}, with the file's {@code defaults:} already applied.
 *
 * @param events exact names, {@code prefix_*} globs or {@code *}
 * @param match event field ({@code spec_name}, {@code pattern_type}, {@code session_id},
 *     {@code event_type}) to an exact value or glob
 * @param position where the entry starts (its {@code name} key)
 * @param signing the keys that sign its HTTP deliveries; null when it has no {@code signing:}
 * @param policy expiry, breaker, rate, ordering and fallback
 * @param typePosition where the {@code type} value stands
 */
public record HandlerSpec(
        String name,
        String type,
        List<String> events,
        Map<String, String> match,
        List<FilterSpec> filters,
        Duration timeout,
        RetrySettings retry,
        RedactSettings redact,
        int concurrency,
        int queueCapacity,
        ConfigBlock config,
        SigningSettings signing,
        DeliveryPolicy policy,
        Position position,
        Position typePosition) {
}
