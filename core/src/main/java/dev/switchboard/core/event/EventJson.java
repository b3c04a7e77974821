package dev.switchboard.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.WorkflowEvent;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Reads and writes events in the seed workflow tool's JSON shape: exactly the keys
 * {@code event_type}, {@code timestamp}, {@code session_id}, {@code spec_name},
 * {@code pattern_type} and {@code data}. The event id never goes into the body.
 */
public final class EventJson {

    /** Nesting beyond this is an attack or a mistake, never a workflow event. */
    private static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = createMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private EventJson() {
    }

    /** @return the runtime's shared, configured mapper (thread-safe) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses one event.
     *
     * @throws InvalidEventException naming the field at fault
     */
    public static WorkflowEvent parse(String json) throws InvalidEventException {
        Object value;
        try {
            value = MAPPER.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(null, "invalid JSON: " + e.getOriginalMessage());
        }
        return fromValue(value);
    }

    /**
     * Converts one parsed JSON value to an event.
     *
     * @throws InvalidEventException naming the field at fault
     */
    public static WorkflowEvent fromNode(JsonNode node) throws InvalidEventException {
        if (node == null || !node.isObject()) {
            throw new InvalidEventException(null, "an event must be a JSON object");
        }
        return fromValue(MAPPER.convertValue(node, MAP));
    }

    /**
     * Converts one JSON value, as Jackson reads it into plain Java (maps, lists, strings,
     * numbers), to an event.
     *
     * @throws InvalidEventException naming the field at fault
     */
    @SuppressWarnings("unchecked")
    public static WorkflowEvent fromValue(Object value) throws InvalidEventException {
        if (!(value instanceof Map)) {
            throw new InvalidEventException(null, "an event must be a JSON object");
        }
        Map<String, Object> fields = (Map<String, Object>) value;
        String eventType = requiredText(fields, "event_type");
        String timestamp = optionalText(fields, "timestamp");
        if (timestamp != null) {
            try {
                WorkflowEvent.parseTimestamp(timestamp);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("timestamp",
                        "timestamp must be ISO-8601, e.g. 2025-11-12T10:30:45.123456");
            }
        }
        Object data = fields.get("data");
        if (data != null && !(data instanceof Map)) {
            throw new InvalidEventException("data", "data must be a JSON object");
        }
        return WorkflowEvent.builder(eventType)
                .timestamp(timestamp)
                .sessionId(optionalText(fields, "session_id"))
                .specName(optionalText(fields, "spec_name"))
                .patternType(optionalText(fields, "pattern_type"))
                .data((Map<String, Object>) data)
                .build();
    }

    /** @return the event as seed-shaped JSON text */
    public static String write(WorkflowEvent event) {
        try {
            return MAPPER.writeValueAsString(event.toSeedMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is not serialisable as JSON", e);
        }
    }

    private static String requiredText(Map<String, Object> fields, String field) throws InvalidEventException {
        Object value = fields.get(field);
        if (value == null) {
            throw new InvalidEventException(field, field + " is required");
        }
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new InvalidEventException(field, field + " must be a non-empty string");
        }
        return (String) value;
    }

    private static String optionalText(Map<String, Object> fields, String field) throws InvalidEventException {
        Object value = fields.get(field);
        if (value != null && !(value instanceof String)) {
            throw new InvalidEventException(field, field + " must be a string");
        }
        return (String) value;
    }

    private static ObjectMapper createMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING)
                .build());
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        return mapper;
    }

    /** @return an empty JSON object node, for callers building answers */
    public static ObjectNode objectNode() {
        return MAPPER.createObjectNode();
    }
}
