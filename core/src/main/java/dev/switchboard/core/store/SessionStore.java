package dev.switchboard.core.store;

import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.sessions.SessionLimits;
import dev.switchboard.core.sessions.Sessions;

/**
 * A durable store that keeps the workflow sessions it has seen, so that the sessions view is read
 * from it (and survives a restart, and is the same through every runtime sharing it) rather than
 * kept in memory: {@link SqliteStore} and {@link PostgresStore}.
 *
 * @since 0.1
 */
public interface SessionStore extends DeliveryStore {

    /**
     * The sessions this store has seen; see {@link SqliteStore#sessions} for the rules.
     *
     * @param limits the retention rules of sessions, which become the store's (for {@link #prune()})
     * @param redact what is removed or masked from each event's data before it is shown
     * @return the view; closed with the store
     * @throws StoreException when the store cannot be read
     * @throws IllegalStateException when the store is closed
     */
    Sessions sessions(SessionLimits limits, RedactSettings redact);
}
