package dev.switchboard.benchmarks.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one receiver path got in one run: valid bodies (each {@code data.seq} of first..first+expected-1 once),
 * invalid ones and duplicates, and on the receiver's own clock the first arrival and the last
 * response.
 */
final class PathCounter {

    private static final String[] SEED_KEYS = {"event_type", "timestamp", "session_id", "spec_name", "pattern_type", "data"};

    private final String path;
    private final AtomicLong valid = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong firstArrival = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastResponse = new AtomicLong(Long.MIN_VALUE);
    private BitSet seen = new BitSet();
    private volatile int firstSeq;
    private volatile int expected;
    private volatile CountDownLatch complete = new CountDownLatch(1);

    PathCounter(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    /** Starts a run that expects events first .. first+expectedCount-1. */
    synchronized void reset(int from, int expectedCount) {
        firstSeq = from;
        valid.set(0);
        invalid.set(0);
        duplicates.set(0);
        firstArrival.set(Long.MAX_VALUE);
        lastResponse.set(Long.MIN_VALUE);
        seen = new BitSet(expectedCount);
        expected = expectedCount;
        complete = new CountDownLatch(expectedCount == 0 ? 0 : 1);
    }

    void arrived(long nanos) {
        long first = firstArrival.get();
        while (nanos < first && !firstArrival.compareAndSet(first, nanos)) {
            first = firstArrival.get();
        }
    }

    void responded(long nanos) {
        lastResponse.accumulateAndGet(nanos, Math::max);
    }

    /** Counts one body: valid when it has every seed key and a new {@code data.seq} in range. */
    void body(JsonNode body) {
        int seq = seq(body) - firstSeq;
        if (seq < 0 || seq >= expected) {
            invalid.incrementAndGet();
            return;
        }
        boolean fresh;
        synchronized (this) {
            fresh = !seen.get(seq);
            seen.set(seq);
        }
        if (!fresh) {
            duplicates.incrementAndGet();
            return;
        }
        if (valid.incrementAndGet() == expected) {
            complete.countDown();
        }
    }

    void invalidBody() {
        invalid.incrementAndGet();
    }

    private static int seq(JsonNode body) {
        if (body == null || !body.isObject()) {
            return -1;
        }
        for (String key : SEED_KEYS) {
            if (!body.has(key)) {
                return -1;
            }
        }
        JsonNode type = body.get("event_type");
        JsonNode data = body.get("data");
        if (!type.isTextual() || type.textValue().isEmpty() || !data.isObject() || !data.path("seq").isInt()) {
            return -1;
        }
        return data.get("seq").intValue();
    }

    /** @return true when every expected body arrived in time */
    boolean awaitComplete(Duration timeout) throws InterruptedException {
        return complete.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long valid() {
        return valid.get();
    }

    long invalid() {
        return invalid.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** @return events per second from the first arrival to the last response */
    double eventsPerSecond() {
        long window = lastResponse.get() - firstArrival.get();
        return valid.get() * 1e9 / window;
    }

    /** @return the problem with this run, or null when exactly the expected bodies arrived */
    String problem() {
        if (valid.get() != expected || invalid.get() != 0 || duplicates.get() != 0) {
            return path + ": expected exactly " + expected + " valid bodies, got " + valid.get() + " valid, "
                    + invalid.get() + " invalid, " + duplicates.get() + " duplicates";
        }
        return null;
    }
}
