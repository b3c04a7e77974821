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
 * <p>Bytes are estimated heap sizes (see {@link KeptData}): the kept data, each string of the
 * envelope, and a fixed cost per event, delivery state and session for the objects around them,
 * so a view of many small events is bounded too.
 */
final class Session {

    static final int SESSION_OVERHEAD = 256;
    static final int EVENT_OVERHEAD = 256;
    static final int DELIVERY_OVERHEAD = 96;

    /** One kept event and its delivery states, in handler configuration order. */
    static final class Entry {
        final WorkflowEvent event;
        final DataTruncation truncation;
        final Instant receivedAt;
        final Map<String, DeliveryState> deliveries = new LinkedHashMap<>();
        long bytes;

        /** @param event the event with its data as kept, which takes {@code dataBytes} */
        Entry(WorkflowEvent event, long dataBytes, DataTruncation truncation, Instant receivedAt) {
            this.event = event;
            this.truncation = truncation;
            this.receivedAt = receivedAt;
            this.bytes = EVENT_OVERHEAD + dataBytes + text(event.id()) + text(event.eventType())
                    + text(event.timestamp()) + text(event.sessionId()) + text(event.specName())
                    + text(event.patternType());
        }

        EventRecord snapshot() {
            return new EventRecord(event, receivedAt, Collections.unmodifiableMap(new LinkedHashMap<>(deliveries)),
                    truncation);
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
     * @param event the event with its data as kept
     * @return the new entry, or null if known
     */
    Entry add(WorkflowEvent event, KeptData data, Instant at, int maxEvents) {
        if (event.id() != null && byEventId.containsKey(event.id())) {
            return null;
        }
        Entry entry = new Entry(event, data.bytes, data.truncation, at);
        events.addLast(entry);
        bytes += entry.bytes;
        if (event.id() != null) {
            byEventId.put(event.id(), entry);
        }
        while (events.size() > maxEvents) {
            dropOldest();
        }
        eventCount++;
        updatedAt = at;
        status = SessionStatus.after(status, event.eventType());
        if (specName == null) {
            specName = event.specName();
            bytes += text(specName);
        }
        if (patternType == null) {
            patternType = event.patternType();
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
        if (dropped.event.id() != null) {
            byEventId.remove(dropped.event.id());
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

    private static long text(String value) {
        return KeptData.text(value);
    }
}
