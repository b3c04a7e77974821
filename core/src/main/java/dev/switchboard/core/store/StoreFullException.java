package dev.switchboard.core.store;

/**
 * A handler's backlog is at its limit, so an event was not accepted (nothing of it was stored).
 * Ingest answers 503 with {@code Retry-After}.
 *
 * @since 0.1
 */
public final class StoreFullException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String handler;
    private final long limit;

    /**
     * @param handler the handler whose backlog is full
     * @param limit its backlog limit
     */
    public StoreFullException(String handler, long limit) {
        super("handler " + handler + " has " + limit + " deliveries waiting, its backlog limit");
        this.handler = handler;
        this.limit = limit;
    }

    /** @return the name of the handler whose backlog is full, never null */
    public String handler() {
        return handler;
    }

    /** @return that handler's backlog limit */
    public long limit() {
        return limit;
    }
}
