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
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(null, "invalid JSON: " + e.getOriginalMessage());
        }
        return fromNode(node);
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
        String eventType = requiredText(node, "event_type");
        String timestamp = optionalText(node, "timestamp");
        if (timestamp != null) {
            try {
                WorkflowEvent.parseTimestamp(timestamp);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("timestamp", "timestamp must be ISO-8601, e.g. 2025-11-12T10:30:45.123456");
            }
        }
        JsonNode data = node.get("data");
        Map<String, Object> dataMap = null;
        if (data != null && !data.isNull()) {
            if (!data.isObject()) {
                throw new InvalidEventException("data", "data must be a JSON object");
            }
            dataMap = MAPPER.convertValue(data, MAP);
        }
        return WorkflowEvent.builder(eventType)
                .timestamp(timestamp)
                .sessionId(optionalText(node, "session_id"))
                .specName(optionalText(node, "spec_name"))
                .patternType(optionalText(node, "pattern_type"))
                .data(dataMap)
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

    private static String requiredText(JsonNode node, String field) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidEventException(field, field + " is required");
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidEventException(field, field + " must be a non-empty string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) throws InvalidEventException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(field, field + " must be a string");
        }
        return value.asText();
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
