package dev.switchboard.core.sessions;

import java.util.Optional;

/**
 * The workflow sessions seen in the stream, as {@code /v1/sessions} shows them: kept in memory by a
 * {@link SessionView} (memory store), or read from the durable store, where they survive a restart
 * and agree with what was delivered.
 *
 * <p>Implementations are thread-safe. Arguments are never null unless a method says so.
 *
 * @since 0.1
 */
public interface Sessions {

    /**
     * @param offset how many matching sessions to skip, at least 0
     * @param limit how many to return at most, at least 1
     * @param status only sessions in this status; null for all
     * @param specName only sessions of this spec (exact); null for all
     * @return the matching sessions from {@code offset} on, newest first
     */
    SessionPage list(int offset, int limit, SessionStatus status, String specName);

    /** @return the session with its last events, if it is known */
    Optional<SessionDetail> find(String sessionId);

    /** @return the session without its events, if it is known */
    Optional<SessionSummary> summary(String sessionId);

    /**
     * Forgets the session; an event of the same id later starts a new session.
     *
     * @return whether it was known
     */
    boolean delete(String sessionId);
}
