package dev.switchboard.core.sessions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the sessions view keeps of an event's (redacted) data and what it costs: the data's heap
 * size, estimated from its shape (no copy is made to measure it), and when that is over
 * {@link SessionLimits#maxEventBytes}, only the top-level members that fit, in order.
 *
 * <p>The estimate errs high, so that the bound holds whatever the JVM: a string is 40 bytes of
 * headers and two a character (as without compact strings), a boxed number 24, a map 64 and 48 a
 * member, a list 40 and 8 an item, plus what they hold.
 */
final class KeptData {

    static final int STRING_OVERHEAD = 40;

    /** The data kept: the event's own map when nothing was cut. */
    final Map<String, Object> data;
    /** The kept data's estimated heap size. */
    final long bytes;
    /** Null when the data is kept whole. */
    final DataTruncation truncation;

    private KeptData(Map<String, Object> data, long bytes, DataTruncation truncation) {
        this.data = data;
        this.bytes = bytes;
        this.truncation = truncation;
    }

    static KeptData of(Map<String, Object> data, int maxBytes) {
        long whole = size(data);
        if (whole <= maxBytes) {
            return new KeptData(data, whole, null);
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        long used = mapOverhead();
        int dropped = 0;
        for (Map.Entry<String, Object> member : data.entrySet()) {
            long cost = memberSize(member.getKey(), member.getValue());
            if (used + cost <= maxBytes) {
                kept.put(member.getKey(), member.getValue());
                used += cost;
            } else {
                dropped++;
            }
        }
        return new KeptData(Collections.unmodifiableMap(kept), used, new DataTruncation(whole, dropped));
    }

    /** @return the estimated heap bytes of a data value (see the class comment) */
    static long size(Object value) {
        Sizer sizer = new Sizer();
        sizer.add(value);
        return sizer.total;
    }

    /**
     * Walks a data tree with {@code forEach}, as the redactor does and for its reason: iterating an
     * unmodifiable map's entry set wraps every entry, and this walk runs for every event recorded.
     */
    private static final class Sizer implements BiConsumer<Object, Object>, Consumer<Object> {
        long total;

        void add(Object value) {
            if (value == null) {
                return;
            }
            if (value instanceof String text) {
                total += text(text);
            } else if (value instanceof Map<?, ?> map) {
                total += mapOverhead();
                map.forEach(this);
            } else if (value instanceof List<?> list) {
                total += 40;
                list.forEach(this);
            } else if (value instanceof BigDecimal decimal) {
                total += 64 + decimal.unscaledValue().bitLength() / 8;
            } else if (value instanceof BigInteger integer) {
                total += 56 + integer.bitLength() / 8;
            } else {
                total += 24;
            }
        }

        @Override
        public void accept(Object key, Object value) {
            total += 48;
            add(key);
            add(value);
        }

        @Override
        public void accept(Object item) {
            total += 8;
            add(item);
        }
    }

    /** A string's heap bytes at most: two a character (UTF-16) and its object and array headers. */
    static long text(String value) {
        return value == null ? 0 : STRING_OVERHEAD + 2L * value.length();
    }

    private static long mapOverhead() {
        return 64;
    }

    private static long memberSize(Object key, Object value) {
        return 48 + size(key) + size(value);
    }
}
