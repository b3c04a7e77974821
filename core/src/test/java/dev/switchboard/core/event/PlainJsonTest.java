package dev.switchboard.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PlainJson reads and writes what the runtime's mapper reads and writes, value for value. */
class PlainJsonTest {

    private static final ObjectMapper MAPPER = EventJson.mapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private static final List<String> OBJECTS = List.of(
            "{}",
            "{\"step_index\":1,\"response\":\"Step output...\",\"duration_seconds\":2.5}",
            "{\"a\":{\"b\":{\"c\":[1,[2,[3,{}]],[]]}},\"n\":null,\"t\":true,\"f\":false}",
            "{\"int\":2147483647,\"long\":2147483648,\"neg\":-9223372036854775808,\"big\":123456789012345678901234567890}",
            "{\"d\":-0.0,\"e\":1E2,\"small\":1.5e-300,\"huge\":1e400,\"pi\":3.141592653589793238462643383279}",
            "{\"esc\":\"quote \\\" backslash \\\\ tab \\t nl \\n \\u00e9 \\ud83d\\ude00 \\u0000\"}",
            "{\"dup\":1,\"dup\":[2],\"order\":\"kept\",\"z\":0,\"a\":0}",
            "{ \"spaced\" : [ 1 , 2 ] , \"unicode key \u00e9\" : \"v\" }");

    @Test
    void readsEveryObjectAsTheMapperDoes() throws Exception {
        for (String json : OBJECTS) {
            Map<String, Object> expected = MAPPER.readValue(json, MAP);
            Map<String, Object> actual;
            try (JsonParser parser = MAPPER.createParser(json)) {
                parser.nextToken();
                actual = PlainJson.readObject(parser);
                assertThat(parser.currentToken()).isEqualTo(JsonToken.END_OBJECT);
            }
            assertThat(actual).as(json).isEqualTo(expected);
            assertThat(actual).isInstanceOf(LinkedHashMap.class);
            assertThat(new ArrayList<>(actual.keySet())).as(json).isEqualTo(new ArrayList<>(expected.keySet()));
            assertSameTypes(actual, expected);
        }
    }

    @Test
    void writesEveryValueAsTheMapperDoes() throws Exception {
        List<Object> values = new ArrayList<>();
        for (String json : OBJECTS) {
            values.add(MAPPER.readValue(json, MAP));
        }
        Map<String, Object> javaValues = new LinkedHashMap<>();
        javaValues.put("short", (short) 7);
        javaValues.put("byte", (byte) -3);
        javaValues.put("float", 1.25f);
        javaValues.put("nan", Double.NaN);
        javaValues.put("inf", Double.NEGATIVE_INFINITY);
        javaValues.put("bigDecimal", new BigDecimal("1.10"));
        javaValues.put("bigInteger", BigInteger.TEN.pow(30));
        javaValues.put("record", new Point(3, "p"));
        javaValues.put("array", new int[] {1, 2});
        javaValues.put("set", new java.util.TreeSet<>(List.of("b", "a")));
        javaValues.put("unmodifiable", Collections.unmodifiableMap(Map.of("k", List.of("v"))));
        javaValues.put("immutableList", Arrays.asList(null, "x"));
        values.add(javaValues);
        values.add(List.of(1, "two", 3.0));
        values.add("just text");
        values.add(null);
        Map<Object, Object> intKeys = new LinkedHashMap<>();
        intKeys.put(1, "one");
        intKeys.put(2, Map.of("nested", true));
        values.add(intKeys);

        for (Object value : values) {
            byte[] expected = MAPPER.writeValueAsBytes(value);
            assertThat(new String(PlainJson.toBytes(MAPPER, value), StandardCharsets.UTF_8)).as(String.valueOf(value))
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        }
    }

    /**
     * Buffers go back to the factory's pool after each call, as with the mapper: a recycler not
     * released to the pool makes every call allocate a fresh set of buffers (kilobytes).
     */
    @Test
    void allocatesNoMoreThanTheMapperPerCall() throws Exception {
        Map<String, Object> body = MAPPER.readValue(OBJECTS.get(1), MAP);
        long mapper = allocatedPerCall(() -> MAPPER.writeValueAsBytes(body));
        long plain = allocatedPerCall(() -> PlainJson.toBytes(MAPPER, body));
        assertThat(plain).as("bytes per call; the mapper's: " + mapper).isLessThanOrEqualTo(mapper + 256);
    }

    private interface Write {
        byte[] write() throws Exception;
    }

    private static long allocatedPerCall(Write write) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 2_000; i++) {
            write.write();
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            write.write();
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / 1_000;
    }

    @Test
    void aNullKeyFailsAsTheMapperFails() {
        Map<String, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1);
        assertThatThrownBy(() -> MAPPER.writeValueAsBytes(nullKey)).isInstanceOf(JsonMappingException.class);
        assertThatThrownBy(() -> PlainJson.toBytes(MAPPER, nullKey)).isInstanceOf(JsonMappingException.class);
    }

    /** A value of its own type: written by the mapper's bean serializer. */
    record Point(int x, String label) {
    }

    private static void assertSameTypes(Object actual, Object expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(actual).isExactlyInstanceOf(expected.getClass());
        if (expected instanceof Map) {
            for (Object key : ((Map<?, ?>) expected).keySet()) {
                assertSameTypes(((Map<?, ?>) actual).get(key), ((Map<?, ?>) expected).get(key));
            }
        } else if (expected instanceof List) {
            for (int i = 0; i < ((List<?>) expected).size(); i++) {
                assertSameTypes(((List<?>) actual).get(i), ((List<?>) expected).get(i));
            }
        }
    }
}
