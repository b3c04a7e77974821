package dev.switchboard.core.sessions;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.delivery.DeliveryListener;
import dev.switchboard.core.delivery.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow sessions seen in the stream, kept in memory within {@link SessionLimits}: each
 * session's status (see {@link SessionStatus}), its last events, and per event what became of its
 * delivery to each subscribed handler.
 *
 * <p>It never holds what redaction removes: each event's data is redacted by the view's own
 * {@link RedactSettings} before it is kept, then cut to {@link SessionLimits#maxEventBytes} (see
 * {@link KeptData}: sizes are estimated heap bytes). When what the view holds passes
 * {@link SessionLimits#maxBytes}, the least recently updated sessions are forgotten first, and the
 * session being updated, if it alone is too large, loses its oldest events.
 *
 * <p>Feed it every accepted event through {@link #record} (before any handler can report on it, as
 * {@code Switchboard.on("*", view::record)} does) and register it as the runtime's
 * {@link DeliveryListener}. Events without a session id belong to no session. Outcomes of events
 * that are no longer kept (their session deleted, forgotten or past its event limit) are ignored.
 *
 * <p>Thread-safe; every call holds one lock briefly.
 */
public final class SessionView implements Sessions, DeliveryListener {

    private final SessionLimits limits;
    private final Map<String, Subscription> handlers;
    private final KeptEvents keptEvents;
    private final Clock clock;
    /** In update order: the least recently updated session comes first and is forgotten first. */
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>();
    private long created;
    private long bytes;

    /**
     * @param handlers every handler's name and subscription, in configuration order: an event starts
     *     as pending for each handler it matches
     * @param redact what is removed or masked from each event's data before the view keeps it
     */
    public SessionView(SessionLimits limits, Map<String, Subscription> handlers, RedactSettings redact, Clock clock) {
        this.limits = limits;
        this.handlers = new LinkedHashMap<>(handlers);
        this.keptEvents = new KeptEvents(redact, limits.maxEventBytes());
        this.clock = clock;
    }

    /** Adds an accepted event to its session, creating the session when it is new. */
    public void record(WorkflowEvent event) {
        if (event.sessionId() == null) {
            return;
        }
        KeptEvents.Kept kept = keptEvents.keep(event);
        Instant now = clock.instant();
        synchronized (this) {
            Session session = sessions.remove(event.sessionId());
            if (session == null) {
                session = new Session(event.sessionId(), created++, now);
                bytes += session.bytes;
            }
            sessions.put(session.id, session);
            long before = session.bytes;
            Session.Entry entry = session.add(kept.event(), kept.data(), now, limits.maxEventsPerSession());
            if (entry != null) {
                for (Map.Entry<String, Subscription> handler : handlers.entrySet()) {
                    if (handler.getValue().matches(event)) {
                        session.deliveryState(entry, handler.getKey(), DeliveryState.pending(now));
                    }
                }
            }
            bytes += session.bytes - before;
            forgetStale(now);
            fitInBytes(session);
        }
    }

    @Override
    public synchronized SessionPage list(int offset, int limit, SessionStatus status, String specName) {
        forgetStale(clock.instant());
        List<Session> matching = new ArrayList<>();
        for (Session session : sessions.values()) {
            if ((status == null || session.status == status)
                    && (specName == null || specName.equals(session.specName))) {
                matching.add(session);
            }
        }
        matching.sort(Comparator.comparingLong((Session s) -> s.sequence).reversed());
        List<SessionSummary> page = matching.stream().skip(offset).limit(limit).map(Session::summary).toList();
        return new SessionPage(page, offset, limit, matching.size());
    }

    @Override
    public synchronized Optional<SessionDetail> find(String sessionId) {
        forgetStale(clock.instant());
        return Optional.ofNullable(sessions.get(sessionId)).map(Session::detail);
    }

    @Override
    public synchronized Optional<SessionSummary> summary(String sessionId) {
        forgetStale(clock.instant());
        return Optional.ofNullable(sessions.get(sessionId)).map(Session::summary);
    }

    @Override
    public synchronized boolean delete(String sessionId) {
        Session removed = sessions.remove(sessionId);
        if (removed != null) {
            bytes -= removed.bytes;
        }
        return removed != null;
    }

    /**
     * @return the bytes the view holds by its own count, an estimate of their heap size (see
     *     {@link KeptData} and {@link Session}); at most
     *     {@link SessionLimits#maxBytes} once a call returns
     */
    public synchronized long bytes() {
        return bytes;
    }

    /** @return how many sessions are kept */
    public synchronized int size() {
        return sessions.size();
    }

    @Override
    public void delivered(String handler, WorkflowEvent event, int attempts) {
        update(handler, event, new DeliveryState(DeliveryState.State.DELIVERED, attempts, null, null, clock.instant()));
    }

    @Override
    public void retryScheduled(String handler, WorkflowEvent event, int attempts, Instant nextAttempt, String reason) {
        update(handler, event, new DeliveryState(DeliveryState.State.RETRY_SCHEDULED, attempts, nextAttempt, reason,
                clock.instant()));
    }

    @Override
    public void failed(String handler, WorkflowEvent event, int attempts, String reason) {
        update(handler, event, new DeliveryState(DeliveryState.State.FAILED, attempts, null, reason, clock.instant()));
    }

    private synchronized void update(String handler, WorkflowEvent event, DeliveryState state) {
        if (event.sessionId() == null || event.id() == null) {
            return;
        }
        Session session = sessions.get(event.sessionId());
        Session.Entry entry = session == null ? null : session.entry(event.id());
        if (entry != null) {
            long before = session.bytes;
            session.deliveryState(entry, handler, state);
            bytes += session.bytes - before;
            fitInBytes(null);
        }
    }

    /**
     * Forgets the least recently updated sessions but {@code current}, then the oldest events of
     * {@code current} (null when no session is being added to).
     */
    private void fitInBytes(Session current) {
        Iterator<Session> leastRecent = sessions.values().iterator();
        while (bytes > limits.maxBytes() && leastRecent.hasNext()) {
            Session session = leastRecent.next();
            if (session != current) {
                leastRecent.remove();
                bytes -= session.bytes;
            }
        }
        while (current != null && bytes > limits.maxBytes()) {
            long before = current.bytes;
            if (!current.dropOldest()) {
                break;
            }
            bytes += current.bytes - before;
        }
    }

    private void forgetStale(Instant now) {
        Instant oldest = now.minus(limits.maxAge());
        Iterator<Session> leastRecent = sessions.values().iterator();
        while (leastRecent.hasNext()) {
            Session session = leastRecent.next();
            if (sessions.size() > limits.maxSessions() || session.updatedAt.isBefore(oldest)) {
                leastRecent.remove();
                bytes -= session.bytes;
            } else {
                break;
            }
        }
    }
}
