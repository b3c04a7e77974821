package dev.switchboard.core.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes plain Java values (maps with string keys, lists, strings, numbers, booleans,
 * null) with Jackson's streaming parser and generator; anything else is written by the mapper.
 * Events' data and request bodies are such values: walking them directly costs a fraction of the
 * mapper's (de)serializer look-ups per value, which matters most before the JIT has compiled
 * either. Values read and text written are the mapper's own for these values: {@link LinkedHashMap}
 * and {@link ArrayList}, integers as the smallest of Integer, Long and BigInteger, other numbers
 * as Double.
 */
public final class PlainJson {

    private PlainJson() {
    }

    /**
     * Reads the object whose {@code START_OBJECT} is the parser's current token, leaving the parser
     * on its {@code END_OBJECT}. A key given twice keeps its last value.
     */
    public static Map<String, Object> readObject(JsonParser parser) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        String name;
        while ((name = parser.nextFieldName()) != null) {
            parser.nextToken();
            object.put(name, readValue(parser));
        }
        return object;
    }

    /** Reads the value whose first token is the parser's current one, leaving the parser on its last. */
    private static Object readValue(JsonParser parser) throws IOException {
        switch (parser.currentTokenId()) {
            case JsonTokenId.ID_STRING:
                return parser.getText();
            case JsonTokenId.ID_START_OBJECT:
                return readObject(parser);
            case JsonTokenId.ID_START_ARRAY:
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                return array;
            case JsonTokenId.ID_NUMBER_INT:
                return parser.getNumberValue();
            case JsonTokenId.ID_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case JsonTokenId.ID_TRUE:
                return Boolean.TRUE;
            case JsonTokenId.ID_FALSE:
                return Boolean.FALSE;
            case JsonTokenId.ID_NULL:
                return null;
            default:
                throw new JsonParseException(parser, "unexpected " + parser.currentToken());
        }
    }

    /** @return {@code value} as UTF-8 JSON */
    public static byte[] toBytes(ObjectMapper mapper, Object value) throws IOException {
        // As ObjectMapper.writeValueAsBytes does: the recycler goes back to the factory's pool,
        // or every call would allocate fresh buffers.
        BufferRecycler recycler = mapper.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator generator = mapper.createGenerator(bytes, JsonEncoding.UTF8)) {
                write(generator, value);
            }
            byte[] result = bytes.toByteArray();
            bytes.release();
            return result;
        } finally {
            recycler.releaseToPool();
        }
    }

    /** Writes one value; values of other types go to the generator's codec (the mapper). */
    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String) {
            generator.writeString((String) value);
        } else if (value instanceof Map) {
            writeMap(generator, (Map<?, ?>) value);
        } else if (value instanceof List) {
            List<?> list = (List<?>) value;
            generator.writeStartArray(list, list.size());
            for (Object element : list) {
                write(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double) {
            generator.writeNumber((Double) value);
        } else if (value instanceof Boolean) {
            generator.writeBoolean((Boolean) value);
        } else if (value instanceof BigInteger) {
            generator.writeNumber((BigInteger) value);
        } else if (value instanceof BigDecimal) {
            generator.writeNumber((BigDecimal) value);
        } else {
            generator.writeObject(value);
        }
    }

    private static void writeMap(JsonGenerator generator, Map<?, ?> map) throws IOException {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                // Keys of other types follow the mapper's key serializers (and its null-key error).
                generator.writeObject(map);
                return;
            }
        }
        generator.writeStartObject(map, map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            generator.writeFieldName((String) entry.getKey());
            write(generator, entry.getValue());
        }
        generator.writeEndObject();
    }
}
