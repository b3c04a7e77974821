package dev.switchboard.core.sessions;

import dev.switchboard.api.WorkflowEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One session's mutable state; guarded by the {@link SessionView}'s lock. */
final class Session {

    /** One kept event and its delivery states, in handler configuration order. */
    static final class Entry {
        final WorkflowEvent event;
        final Instant receivedAt;
        final Map<String, DeliveryState> deliveries = new LinkedHashMap<>();

        Entry(WorkflowEvent event, Instant receivedAt) {
            this.event = event;
            this.receivedAt = receivedAt;
        }

        EventRecord snapshot() {
            return new EventRecord(event, receivedAt, Collections.unmodifiableMap(new LinkedHashMap<>(deliveries)));
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
    private final ArrayDeque<Entry> events = new ArrayDeque<>();
    private final Map<String, Entry> byEventId = new HashMap<>();

    Session(String id, long sequence, Instant createdAt) {
        this.id = id;
        this.sequence = sequence;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    /** Adds the event (once per id), keeping at most {@code maxEvents}. @return the new entry, or null if known */
    Entry add(WorkflowEvent event, Instant at, int maxEvents) {
        if (event.id() != null && byEventId.containsKey(event.id())) {
            return null;
        }
        Entry entry = new Entry(event, at);
        events.addLast(entry);
        if (event.id() != null) {
            byEventId.put(event.id(), entry);
        }
        while (events.size() > maxEvents) {
            Entry dropped = events.removeFirst();
            if (dropped.event.id() != null) {
                byEventId.remove(dropped.event.id());
            }
        }
        eventCount++;
        updatedAt = at;
        status = SessionStatus.after(status, event.eventType());
        if (specName == null) {
            specName = event.specName();
        }
        if (patternType == null) {
            patternType = event.patternType();
        }
        return entry;
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
}
