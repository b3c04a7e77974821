package dev.switchboard.core.sessions;

import dev.switchboard.api.WorkflowEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's mutable state and the bytes it holds; guarded by the {@link SessionView}'s lock.
 *
 * <p>Bytes are the kept data's JSON plus an estimate of the rest: each string at two bytes a
 * character and 40 of header, and a fixed cost per event, delivery state and session for the
 * objects around them, so a view of many small events is bounded too.
 */
final class Session {

    static final int SESSION_OVERHEAD = 256;
    static final int EVENT_OVERHEAD = 256;
    static final int DELIVERY_OVERHEAD = 96;

    /** One kept event and its delivery states, in handler configuration order. */
    static final class Entry {
        final WorkflowEvent envelope;
        final KeptData data;
        final Instant receivedAt;
        final Map<String, DeliveryState> deliveries = new LinkedHashMap<>();
        long bytes;

        Entry(WorkflowEvent envelope, KeptData data, Instant receivedAt) {
            this.envelope = envelope;
            this.data = data;
            this.receivedAt = receivedAt;
            this.bytes = EVENT_OVERHEAD + data.bytes() + text(envelope.id()) + text(envelope.eventType())
                    + text(envelope.timestamp()) + text(envelope.sessionId()) + text(envelope.specName())
                    + text(envelope.patternType());
        }

        EventRecord snapshot() {
            return new EventRecord(envelope, data, receivedAt,
                    Collections.unmodifiableMap(new LinkedHashMap<>(deliveries)));
        }
    }

    final String id;
    /** Creation order, so that listing newest first needs no clock. */
    final long sequence;
    final Instant createdAt;
    String specName;
    String patternType;
    SessionStatus status;
    Instant updatedAt;
    long eventCount;
    /** What this session holds, its kept events included. */
    long bytes;
    private final ArrayDeque<Entry> events = new ArrayDeque<>();
    private final Map<String, Entry> byEventId = new HashMap<>();

    Session(String id, long sequence, Instant createdAt) {
        this.id = id;
        this.sequence = sequence;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
        this.bytes = SESSION_OVERHEAD + text(id);
    }

    /**
     * Adds the event (once per id), keeping at most {@code maxEvents}.
     *
     * @param envelope the event without its data
     * @return the new entry, or null if known
     */
    Entry add(WorkflowEvent envelope, KeptData data, Instant at, int maxEvents) {
        if (envelope.id() != null && byEventId.containsKey(envelope.id())) {
            return null;
        }
        Entry entry = new Entry(envelope, data, at);
        events.addLast(entry);
        bytes += entry.bytes;
        if (envelope.id() != null) {
            byEventId.put(envelope.id(), entry);
        }
        while (events.size() > maxEvents) {
            dropOldest();
        }
        eventCount++;
        updatedAt = at;
        status = SessionStatus.after(status, envelope.eventType());
        if (specName == null) {
            specName = envelope.specName();
            bytes += text(specName);
        }
        if (patternType == null) {
            patternType = envelope.patternType();
            bytes += text(patternType);
        }
        return entry;
    }

    /** Forgets the oldest kept event. @return false when none was kept */
    boolean dropOldest() {
        Entry dropped = events.pollFirst();
        if (dropped == null) {
            return false;
        }
        bytes -= dropped.bytes;
        if (dropped.envelope.id() != null) {
            byEventId.remove(dropped.envelope.id());
        }
        return true;
    }

    /** Sets what became of the entry's delivery to a handler, counting the bytes it takes. */
    void deliveryState(Entry entry, String handler, DeliveryState state) {
        long before = entry.bytes;
        DeliveryState previous = entry.deliveries.put(handler, state);
        entry.bytes += previous == null ? DELIVERY_OVERHEAD + text(handler) : -text(previous.reason());
        entry.bytes += text(state.reason());
        bytes += entry.bytes - before;
    }

    Entry entry(String eventId) {
        return byEventId.get(eventId);
    }

    SessionSummary summary() {
        return new SessionSummary(id, specName, patternType, status, createdAt, updatedAt, eventCount);
    }

    SessionDetail detail() {
        List<EventRecord> records = events.stream().map(Entry::snapshot).toList();
        return new SessionDetail(summary(), records);
    }

    /** A string's heap bytes at most: two a character (UTF-16) and its object and array headers. */
    static long text(String value) {
        return value == null ? 0 : 40 + 2L * value.length();
    }
}
