package dev.switchboard.core.store;

import java.util.Map;
import java.util.Objects;

/**
 * How many deliveries each handler may have waiting (pending or leased) in a store; beyond it,
 * {@link DeliveryStore#accept} throws {@link StoreFullException}. Immutable.
 *
 * @param defaultLimit the limit of a handler not named in {@code perHandler}, at least 1
 * @param perHandler limits by handler name (each at least 1); copied, never null
 * @since 0.1
 */
public record BacklogLimits(long defaultLimit, Map<String, Long> perHandler) {

    /** The default backlog limit per handler. */
    public static final long DEFAULT_LIMIT = 1_000_000;

    /** Checks and copies the limits. */
    public BacklogLimits {
        perHandler = Map.copyOf(Objects.requireNonNull(perHandler, "perHandler"));
        if (defaultLimit < 1 || perHandler.values().stream().anyMatch(limit -> limit < 1)) {
            throw new IllegalArgumentException("backlog limits must be at least 1");
        }
    }

    /**
     * @param limit the limit of every handler
     * @return limits with no per-handler exception
     */
    public static BacklogLimits of(long limit) {
        return new BacklogLimits(limit, Map.of());
    }

    /**
     * @param handler a handler's name
     * @return its limit
     */
    public long limitOf(String handler) {
        return perHandler.getOrDefault(handler, defaultLimit);
    }
}
