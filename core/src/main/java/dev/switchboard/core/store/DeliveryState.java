package dev.switchboard.core.store;

/**
 * The states of a stored delivery, as the API names them: pending (waiting, perhaps for a retry
 * time), in flight (leased by a lane), delivered, dead (a dead letter).
 *
 * @since 0.1
 */
public enum DeliveryState {
    /** Waiting until it is due; also a scheduled retry and a replayed dead letter. */
    PENDING,
    /** Leased by a lane, an attempt under way. */
    IN_FLIGHT,
    /** Delivered; kept for the store's retention, then pruned. */
    DELIVERED,
    /** Failed for good; kept until replayed or deleted. */
    DEAD;

    /** @return the name in the API and in the store's tables, e.g. {@code in_flight} */
    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * @param column a state's name as {@link #column()} gives it, e.g. {@code in_flight}; may be null
     * @return the state, or empty for any other text
     */
    public static java.util.Optional<DeliveryState> parse(String column) {
        for (DeliveryState state : values()) {
            if (state.column().equals(column)) {
                return java.util.Optional.of(state);
            }
        }
        return java.util.Optional.empty();
    }
}
