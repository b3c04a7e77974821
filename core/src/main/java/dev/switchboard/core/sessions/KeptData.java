package dev.switchboard.core.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.switchboard.core.event.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event's data as the sessions view keeps it: redacted, written as UTF-8 JSON (so that what it
 * holds is what it counts), and cut to {@link SessionLimits#maxEventBytes}: the top-level members
 * that fit, in order, are kept whole and the others dropped. Immutable.
 */
public final class KeptData {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final byte[] json;
    private final long originalBytes;
    private final int droppedKeys;

    private KeptData(byte[] json, long originalBytes, int droppedKeys) {
        this.json = json;
        this.originalBytes = originalBytes;
        this.droppedKeys = droppedKeys;
    }

    /** Writes the data, keeping the members that fit in {@code maxBytes} when the whole does not. */
    static KeptData of(Map<String, Object> data, int maxBytes) {
        byte[] whole = write(data);
        if (whole.length <= maxBytes) {
            return new KeptData(whole, whole.length, 0);
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        long used = 2; // {}
        int dropped = 0;
        for (Map.Entry<String, Object> member : data.entrySet()) {
            long size = write(member.getKey()).length + 1L + write(member.getValue()).length + (kept.isEmpty() ? 0 : 1);
            if (used + size <= maxBytes) {
                kept.put(member.getKey(), member.getValue());
                used += size;
            } else {
                dropped++;
            }
        }
        return new KeptData(write(kept), whole.length, dropped);
    }

    private static byte[] write(Object value) {
        try {
            return EventJson.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event data is not serialisable as JSON", e);
        }
    }

    /** @return the kept data as a JSON object */
    public String json() {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** @return the kept data read back */
    public Map<String, Object> toMap() {
        try {
            return EventJson.mapper().readValue(json, MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("kept data is not JSON", e);
        }
    }

    /** @return the bytes of the kept JSON */
    public int bytes() {
        return json.length;
    }

    /** @return whether members were dropped to fit */
    public boolean truncated() {
        return droppedKeys > 0;
    }

    /** @return the size of the whole (redacted) data as JSON, before any was dropped */
    public long originalBytes() {
        return originalBytes;
    }

    /** @return how many top-level members were dropped */
    public int droppedKeys() {
        return droppedKeys;
    }
}
