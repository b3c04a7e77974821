package dev.switchboard.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.switchboard.api.WorkflowEvent;
import java.io.IOException;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes events in the seed workflow tool's JSON shape: exactly the keys
 * {@code event_type}, {@code timestamp}, {@code session_id}, {@code spec_name},
 * {@code pattern_type} and {@code data}. The event id never goes into the body.
 */
public final class EventJson {

    /** Nesting beyond this is an attack or a mistake, never a workflow event. */
    private static final int MAX_NESTING = 64;

    private static final ObjectMapper MAPPER = createMapper();
    private static final Set<String> ENVELOPE = Set.of("event_type", "timestamp", "session_id", "spec_name",
            "pattern_type");
    /** Event types, spec names, patterns and session ids: see this package's notes. */
    private static final CanonicalStrings ENVELOPE_VALUES = new CanonicalStrings(4_096, 128);
    /** A field's value that is neither a string nor null, for {@link #fromValue} to report. */
    private static final Object WRONG_TYPE = new Object();
    private static final ObjectReader DATA = MAPPER.readerFor(new TypeReference<Map<String, Object>>() {
    });

    private EventJson() {
    }

    /** @return the runtime's shared, configured mapper (thread-safe) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses one event, straight from the text to the event's fields (no intermediate map of the
     * whole object); the first mistake, in the order {@link #fromValue} checks, is reported.
     *
     * @throws InvalidEventException naming the field at fault
     */
    public static WorkflowEvent parse(String json) throws InvalidEventException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new InvalidEventException(null, "invalid JSON: no content");
            }
            return read(parser);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(null, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidEventException(null, "invalid JSON: " + e.getMessage());
        }
    }

    /**
     * Reads one event from a parser of the runtime's {@link #mapper()}, whose current token starts
     * the value; the parser is left on the value's last token, so that a caller reading several
     * events goes on after a bad one. A value of the wrong type is reported only once the whole
     * value has been read.
     *
     * @throws IOException when the text is not JSON (or breaks the mapper's limits)
     * @throws InvalidEventException naming the field at fault
     */
    public static WorkflowEvent read(JsonParser parser) throws IOException, InvalidEventException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new InvalidEventException(null, "an event must be a JSON object");
        }
        JsonStreamContext outside = parser.getParsingContext().getParent();
        Map<String, Object> fields = new HashMap<>(8);
        Set<String> wrongType = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            if (name.equals("data")) {
                if (token == JsonToken.START_OBJECT) {
                    fields.put(name, readData(parser, outside));
                    continue;
                }
            } else if (!ENVELOPE.contains(name)) {
                parser.skipChildren();
                continue;
            } else if (token == JsonToken.VALUE_STRING) {
                String text = parser.getText();
                fields.put(name, name.equals("timestamp") ? text : ENVELOPE_VALUES.canonical(text));
                if (wrongType != null) {
                    wrongType.remove(name);
                }
                continue;
            }
            if (token == JsonToken.VALUE_NULL) {
                fields.remove(name);
                if (wrongType != null) {
                    wrongType.remove(name);
                }
            } else {
                if (wrongType == null) {
                    wrongType = new HashSet<>(2);
                }
                wrongType.add(name);
                parser.skipChildren();
            }
        }
        if (wrongType != null) {
            for (String name : wrongType) {
                // Checked by fromValue as a value of the wrong type, in its own order.
                fields.put(name, WRONG_TYPE);
            }
        }
        return fromValue(fields);
    }

    /**
     * Converts one JSON value, as Jackson reads it into plain Java (maps, lists, strings,
     * numbers), to an event.
     *
     * @throws InvalidEventException naming the field at fault
     */
    @SuppressWarnings("unchecked")
    private static WorkflowEvent fromValue(Object value) throws InvalidEventException {
        if (!(value instanceof Map)) {
            throw new InvalidEventException(null, "an event must be a JSON object");
        }
        Map<String, Object> fields = (Map<String, Object>) value;
        String eventType = requiredText(fields, "event_type");
        String timestamp = optionalText(fields, "timestamp");
        if (timestamp != null) {
            checkTimestamp(eventType, timestamp);
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

    /** WorkflowEvent holds the one definition of a valid timestamp: its {@code instant()}. */
    private static void checkTimestamp(String eventType, String timestamp) throws InvalidEventException {
        try {
            WorkflowEvent.builder(eventType).timestamp(timestamp).build().instant();
        } catch (DateTimeParseException e) {
            throw new InvalidEventException("timestamp",
                    "timestamp must be ISO-8601, e.g. 2025-11-12T10:30:45.123456");
        }
    }

    /** @return the event as seed-shaped JSON text */
    public static String write(WorkflowEvent event) {
        try {
            return MAPPER.writeValueAsString(event.toSeedMap());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is not serialisable as JSON", e);
        }
    }

    /**
     * Reads {@code data}, whose {@code START_OBJECT} is the current token. Numbers stay exactly as
     * written (integers as Integer, Long or BigInteger, others as BigDecimal); one that not even a
     * BigDecimal holds (an exponent beyond an int) refuses the event, naming its field, once the
     * parser has gone on to the event's end ({@code outside} is the context around the event).
     */
    private static Map<String, Object> readData(JsonParser parser, JsonStreamContext outside)
            throws IOException, InvalidEventException {
        try {
            return DATA.readValue(parser);
        } catch (JsonProcessingException | NumberFormatException e) {
            if (!numberOutOfRange(parser)) {
                throw e;
            }
            String field = fieldPath(parser.getParsingContext(), outside);
            InvalidEventException invalid = new InvalidEventException(field,
                    field + ": the number " + parser.getText() + " is out of range");
            while (parser.getParsingContext() != outside && parser.nextToken() != null) {
                // the rest of the event, so that a caller reading several goes on after this one
            }
            throw invalid;
        }
    }

    /** @return true if the current token is a number no BigDecimal holds (not a mistake after a number) */
    private static boolean numberOutOfRange(JsonParser parser) {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_FLOAT) {
            return false;
        }
        try {
            parser.getDecimalValue();
            return false;
        } catch (IOException | NumberFormatException e) {
            return true;
        }
    }

    /** @return the path from the event to the current value, e.g. {@code data.items.0.price} */
    private static String fieldPath(JsonStreamContext context, JsonStreamContext outside) {
        Deque<String> names = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && at != outside; at = at.getParent()) {
            names.addFirst(at.inArray() ? Integer.toString(at.getCurrentIndex()) : at.getCurrentName());
        }
        return String.join(".", names);
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
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
                // Buffers shared by all threads: see this package's notes on the per-event path.
                .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        mapper.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        // 1e999999 as a double is Infinity, 0.1000000000000000000001 is 0.1: handlers get what was sent.
        mapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        return mapper;
    }
}
