package dev.switchboard.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The delivery settings that {@code defaults:} gives every handler and a handler may override:
 * {@code timeout}, {@code retry}, {@code redact}, {@code concurrency}, {@code queue_capacity}, and the
 * delivery policy ({@code expire_after}, {@code breaker}, {@code rate}, {@code ordering}).
 */
record DeliverySettings(Duration timeout, RetrySettings retry, RedactSettings redact, int concurrency,
        int queueCapacity, DeliveryPolicy policy) {

    static final List<String> KEYS = List.of("timeout", "retry", "redact", "concurrency", "queue_capacity",
            "expire_after", "breaker", "rate", "ordering");
    static final List<String> RETRY_KEYS = List.of("attempts", "backoff", "multiplier", "max_backoff", "jitter");
    static final List<String> REDACT_KEYS = List.of("keys", "mode");
    static final int MAX_CONCURRENCY = 1024;

    static final DeliverySettings BUILT_IN = new DeliverySettings(
            Duration.ofSeconds(10), RetrySettings.DEFAULT, RedactSettings.DEFAULT, 16, 1_000_000,
            DeliveryPolicy.DEFAULT);

    /** @return these settings with whatever {@code fields} gives overriding them, key by key */
    DeliverySettings overriddenBy(MapFields fields) {
        return new DeliverySettings(
                fields.duration("timeout", timeout),
                retry(fields.child("retry", RETRY_KEYS)),
                redact(fields.child("redact", REDACT_KEYS)),
                fields.integer("concurrency", concurrency, 1, MAX_CONCURRENCY),
                fields.integer("queue_capacity", queueCapacity, 1, Integer.MAX_VALUE),
                PolicyReader.read(fields, policy));
    }

    private RetrySettings retry(MapFields fields) {
        if (fields == null) {
            return retry;
        }
        return new RetrySettings(
                fields.integer("attempts", retry.attempts(), 1, Integer.MAX_VALUE),
                fields.duration("backoff", retry.backoff()),
                fields.number("multiplier", retry.multiplier(), 1),
                fields.duration("max_backoff", retry.maxBackoff()),
                jitter(fields));
    }

    private double jitter(MapFields fields) {
        double jitter = fields.number("jitter", retry.jitter(), 0);
        if (jitter > 1) {
            fields.problem(fields.scalar("jitter"), "jitter", "must be a fraction from 0 to 1 (0.1 is ±10 %), not "
                    + fields.scalar("jitter").text());
            return retry.jitter();
        }
        return jitter;
    }

    private RedactSettings redact(MapFields fields) {
        if (fields == null) {
            return redact;
        }
        List<YamlNode.Scalar> keyNodes = fields.scalars("keys");
        List<String> keys = redact.keys();
        if (keyNodes != null) {
            keys = new ArrayList<>();
            for (YamlNode.Scalar key : keyNodes) {
                keys.add(key.text());
            }
        }
        RedactSettings.Mode mode = redact.mode();
        YamlNode.Scalar modeNode = fields.scalar("mode");
        if (modeNode != null) {
            switch (modeNode.text().trim().toLowerCase(Locale.ROOT)) {
                case "remove" -> mode = RedactSettings.Mode.REMOVE;
                case "mask" -> mode = RedactSettings.Mode.MASK;
                default -> fields.problem(modeNode, "mode", "unknown mode" + modeNode.shown() + "; allowed: remove, mask");
            }
        }
        return new RedactSettings(List.copyOf(keys), mode);
    }
}
