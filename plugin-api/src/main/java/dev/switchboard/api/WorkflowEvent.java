package dev.switchboard.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One workflow event, in the shape the seed workflow tool emits.
 *
 * <p>Immutable and thread-safe: one instance is handed to many handlers at once. Its JSON form
 * has exactly the seed's keys ({@code event_type}, {@code timestamp}, {@code session_id},
 * {@code spec_name}, {@code pattern_type}, {@code data}); the {@link #id()} travels beside the
 * body (as the {@code webhook-id} header), never inside it.
 *
 * <pre>{@code
 * WorkflowEvent event = WorkflowEvent.builder("step_complete")
 *     .specName("research-workflow")
 *     .patternType("chain")
 *     .sessionId("a1b2c3d4-e5f6-7890")
 *     .data(Map.of("step_index", 1, "duration_seconds", 2.5))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class WorkflowEvent {

    /** ISO-8601 date and time, with an offset or without (then UTC), as the seed writes them. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart()
            .appendOffsetId()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private final String id;
    private final String eventType;
    private final String timestamp;
    private final String sessionId;
    private final String specName;
    private final String patternType;
    private final Map<String, Object> data;

    private WorkflowEvent(Builder builder) {
        if (builder.eventType == null || builder.eventType.isEmpty()) {
            throw new IllegalArgumentException("event_type must be a non-empty string");
        }
        this.id = builder.id;
        this.eventType = builder.eventType;
        this.timestamp = builder.timestamp != null ? builder.timestamp : Instant.now().toString();
        this.sessionId = builder.sessionId;
        this.specName = builder.specName;
        this.patternType = builder.patternType;
        // A builder from toBuilder() still holding the event's own data shares it: it is an
        // immutable copy already, and the core gives every accepted event an id this way.
        this.data = builder.ownData != null && builder.data == builder.ownData
                ? builder.ownData : deepCopy(builder.data);
    }

    /**
     * Starts a builder for an event of the given type.
     *
     * @param eventType the event type, e.g. {@code workflow_start}; any non-empty string
     * @return a new builder
     */
    public static Builder builder(String eventType) {
        return new Builder().eventType(eventType);
    }

    /**
     * The id the runtime gave this event when it accepted it, sent as the {@code webhook-id}
     * header so receivers can de-duplicate.
     *
     * @return the id, or null for an event that has not been accepted by a runtime yet
     */
    public String id() {
        return id;
    }

    /** @return the event type, never null or empty */
    public String eventType() {
        return eventType;
    }

    /**
     * The timestamp exactly as the sender wrote it (ISO-8601, with or without an offset), so it
     * round-trips unchanged. Use {@link #instant()} for the parsed value.
     *
     * @return the timestamp text, never null
     */
    public String timestamp() {
        return timestamp;
    }

    /**
     * The timestamp as an instant; a timestamp without an offset is read as UTC.
     *
     * @return the instant
     * @throws DateTimeParseException if the timestamp is not ISO-8601
     */
    public Instant instant() {
        return parseTimestamp(timestamp);
    }

    /** @return the workflow session id, or null when the sender sent none */
    public String sessionId() {
        return sessionId;
    }

    /** @return the workflow spec's name, or null when the sender sent none */
    public String specName() {
        return specName;
    }

    /** @return the workflow pattern (chain, workflow, routing, …), or null when none was sent */
    public String patternType() {
        return patternType;
    }

    /**
     * The event's payload: an unmodifiable tree of maps, lists, strings, numbers, booleans and
     * nulls. Numbers the runtime read from JSON are exactly as written: integers as Integer, Long
     * or BigInteger, other numbers as BigDecimal; read them through {@link Number}.
     *
     * @return the data, empty (never null) when the sender sent none
     */
    public Map<String, Object> data() {
        return data;
    }

    /**
     * The event in the seed's JSON shape: a new mutable map with exactly the keys
     * {@code event_type}, {@code timestamp}, {@code session_id}, {@code spec_name},
     * {@code pattern_type} and {@code data}, in that order (null values kept). The id is not
     * included: it travels as the {@code webhook-id} header.
     *
     * @return the map, ready for a JSON serialiser
     */
    public Map<String, Object> toSeedMap() {
        Map<String, Object> body = new LinkedHashMap<>(8);
        body.put("event_type", eventType);
        body.put("timestamp", timestamp);
        body.put("session_id", sessionId);
        body.put("spec_name", specName);
        body.put("pattern_type", patternType);
        body.put("data", data);
        return body;
    }

    /**
     * A copy of this event with other data, keeping the id and every other field. Filters use
     * it to return a transformed event.
     *
     * @param newData the new data; null means empty
     * @return the new event
     */
    public WorkflowEvent withData(Map<String, ?> newData) {
        return toBuilder().data(newData).build();
    }

    /** @return a builder holding this event's fields */
    public Builder toBuilder() {
        Builder builder = new Builder()
                .id(id)
                .eventType(eventType)
                .timestamp(timestamp)
                .sessionId(sessionId)
                .specName(specName)
                .patternType(patternType)
                .data(data);
        builder.ownData = data;
        return builder;
    }

    /**
     * ISO-8601, with an offset or without one read as UTC: the one definition of a valid timestamp.
     * The runtime refuses an event whose {@link #instant()} throws.
     */
    private static Instant parseTimestamp(String text) {
        TemporalAccessor parsed = TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime
                ? ((OffsetDateTime) parsed).toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof WorkflowEvent)) {
            return false;
        }
        WorkflowEvent that = (WorkflowEvent) other;
        return Objects.equals(id, that.id)
                && eventType.equals(that.eventType)
                && timestamp.equals(that.timestamp)
                && Objects.equals(sessionId, that.sessionId)
                && Objects.equals(specName, that.specName)
                && Objects.equals(patternType, that.patternType)
                && data.equals(that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, eventType, timestamp, sessionId, specName, patternType, data);
    }

    /** Shows the envelope only: data may hold secrets and is never printed. */
    @Override
    public String toString() {
        return "WorkflowEvent{id=" + id + ", type=" + eventType + ", spec=" + specName
                + ", session=" + sessionId + ", timestamp=" + timestamp + "}";
    }

    private static Map<String, Object> deepCopy(Map<String, ?> source) {
        if (source == null || source.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, source.size() * 2));
        source.forEach((key, value) -> copy.put(key, copyValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map) {
            return deepCopy((Map<String, ?>) value);
        }
        if (value instanceof List) {
            List<?> list = (List<?>) value;
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * Builds {@link WorkflowEvent}s. Not thread-safe; build once per event.
     *
     * @since 0.1
     */
    public static final class Builder {
        private String id;
        private String eventType;
        private String timestamp;
        private String sessionId;
        private String specName;
        private String patternType;
        private Map<String, ?> data;
        /** The data of the event this builder was made from, already an immutable copy; else null. */
        private Map<String, Object> ownData;

        private Builder() {
        }

        /** @param value the id; null for none @return this builder */
        public Builder id(String value) {
            this.id = value;
            return this;
        }

        /** @param value the event type, non-empty @return this builder */
        public Builder eventType(String value) {
            this.eventType = value;
            return this;
        }

        /** @param value ISO-8601 text kept verbatim; null means now @return this builder */
        public Builder timestamp(String value) {
            this.timestamp = value;
            return this;
        }

        /** @param value the session id, may be null @return this builder */
        public Builder sessionId(String value) {
            this.sessionId = value;
            return this;
        }

        /** @param value the spec name, may be null @return this builder */
        public Builder specName(String value) {
            this.specName = value;
            return this;
        }

        /** @param value the pattern type, may be null @return this builder */
        public Builder patternType(String value) {
            this.patternType = value;
            return this;
        }

        /** @param value the data tree, copied; null means empty @return this builder */
        public Builder data(Map<String, ?> value) {
            this.data = value;
            return this;
        }

        /**
         * @return the event
         * @throws IllegalArgumentException if the event type is missing or empty
         */
        public WorkflowEvent build() {
            return new WorkflowEvent(this);
        }
    }
}
