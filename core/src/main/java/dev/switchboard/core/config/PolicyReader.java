package dev.switchboard.core.config;

import java.util.List;
import java.util.Locale;

/**
 * Reads the delivery policy keys ({@code expire_after}, {@code breaker}, {@code rate},
 * {@code ordering}) of {@code defaults:} or of one handler over the policy it inherits.
 * {@code fallback} is a handler's own, read by {@link HandlerReader}.
 */
final class PolicyReader {

    static final List<String> KEYS = List.of("expire_after", "breaker", "rate", "ordering");
    static final List<String> BREAKER_KEYS = List.of("failures", "open_for");
    static final List<String> RATE_KEYS = List.of("per_second", "per_minute", "burst");

    private PolicyReader() {
    }

    static DeliveryPolicy read(MapFields fields, DeliveryPolicy inherited) {
        DeliveryPolicy policy = inherited.withExpireAfter(fields.duration("expire_after", inherited.expireAfter()));
        policy = policy.withBreaker(breaker(fields.child("breaker", BREAKER_KEYS), inherited.breaker()));
        policy = policy.withRate(rate(fields, inherited.rate()));
        return policy.withOrdering(ordering(fields, inherited.ordering()));
    }

    private static DeliveryPolicy.BreakerSettings breaker(MapFields fields, DeliveryPolicy.BreakerSettings inherited) {
        if (fields == null) {
            return inherited;
        }
        return new DeliveryPolicy.BreakerSettings(fields.integer("failures", inherited.failures(), 1, 1_000_000),
                fields.duration("open_for", inherited.openFor()));
    }

    private static DeliveryPolicy.RateSettings rate(MapFields handler, DeliveryPolicy.RateSettings inherited) {
        MapFields fields = handler.child("rate", RATE_KEYS);
        if (fields == null) {
            return inherited;
        }
        boolean perSecond = fields.scalar("per_second") != null;
        boolean perMinute = fields.scalar("per_minute") != null;
        if (perSecond == perMinute) {
            handler.problem(fields.map(), "rate", perSecond ? "give per_second or per_minute, not both"
                    : "give per_second or per_minute, e.g. {per_second: 1}");
            return inherited;
        }
        String key = perSecond ? "per_second" : "per_minute";
        double given = fields.number(key, 0, 0);
        if (given <= 0) {
            fields.problem(fields.scalar(key), key, "must be more than 0");
            return inherited;
        }
        double rate = perSecond ? given : given / 60.0;
        int burst = fields.integer("burst", inherited == null ? 1 : inherited.burst(), 1, 1_000_000);
        return new DeliveryPolicy.RateSettings(rate, burst);
    }

    private static DeliveryPolicy.Ordering ordering(MapFields fields, DeliveryPolicy.Ordering inherited) {
        YamlNode.Scalar node = fields.scalar("ordering");
        if (node == null) {
            return inherited;
        }
        return switch (node.text().trim().toLowerCase(Locale.ROOT)) {
            case "none" -> DeliveryPolicy.Ordering.NONE;
            case "session" -> DeliveryPolicy.Ordering.SESSION;
            default -> {
                fields.problem(node, "ordering", "unknown ordering" + node.shown() + "; allowed: none, session");
                yield inherited;
            }
        };
    }
}
