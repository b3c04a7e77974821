package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Counts each handler's backlog and admits an event only when every handler has room. Thread-safe. */
final class Backlogs {

    private final BacklogLimits limits;
    private final ConcurrentHashMap<String, AtomicLong> counts = new ConcurrentHashMap<>();

    Backlogs(BacklogLimits limits) {
        this.limits = limits;
    }

    /**
     * Checks an event about to be accepted.
     *
     * @return its handlers, each once
     */
    static List<String> targets(WorkflowEvent event, List<String> handlers) {
        if (event.id() == null) {
            throw new IllegalArgumentException("an event needs its id before it is stored");
        }
        return handlers.size() <= 1 ? List.copyOf(handlers) : new ArrayList<>(new LinkedHashSet<>(handlers));
    }

    /** Takes room for one delivery in each handler's backlog, or none at all. */
    synchronized void reserve(List<String> handlers) throws StoreFullException {
        for (String handler : handlers) {
            long limit = limits.limitOf(handler);
            if (counter(handler).get() >= limit) {
                throw new StoreFullException(handler, limit);
            }
        }
        for (String handler : handlers) {
            counter(handler).incrementAndGet();
        }
    }

    void release(List<String> handlers) {
        for (String handler : handlers) {
            add(handler, -1);
        }
    }

    void add(String handler, long delta) {
        counter(handler).addAndGet(delta);
    }

    /** Sets a handler's count, as read from a store shared with other processes. */
    void set(String handler, long value) {
        counter(handler).set(value);
    }

    /** @return the handlers counted so far */
    java.util.Set<String> handlers() {
        return counts.keySet();
    }

    long count(String handler) {
        return counter(handler).get();
    }

    /** @return each handler's count above 0; a new map */
    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((handler, count) -> {
            if (count.get() > 0) {
                snapshot.put(handler, count.get());
            }
        });
        return snapshot;
    }

    private AtomicLong counter(String handler) {
        return counts.computeIfAbsent(handler, name -> new AtomicLong());
    }
}
