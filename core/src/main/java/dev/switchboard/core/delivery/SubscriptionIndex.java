package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which handlers an event goes to, for every event, in the handlers' order. Whether a subscription
 * matches depends only on the event fields it names, and all but {@code session_id} take few
 * values in a stream (event types, spec names, patterns): the answer for each combination of
 * {@code event_type}, {@code spec_name} and {@code pattern_type} is computed once and remembered
 * (up to {@value #MAX_CACHED} combinations), so that matching costs one hash lookup however many
 * handlers there are. Subscriptions that match on {@code session_id} are checked per event.
 */
final class SubscriptionIndex {

    static final int MAX_CACHED = 4_096;
    private static final int[] NONE = new int[0];

    private record Key(String eventType, String specName, String patternType) {
    }

    private final Subscription[] subscriptions;
    /** Indices of the subscriptions that match on session_id, in order. */
    private final int[] perEvent;
    private final ConcurrentHashMap<Key, int[]> cache = new ConcurrentHashMap<>();

    SubscriptionIndex(List<Subscription> subscriptions) {
        this.subscriptions = subscriptions.toArray(Subscription[]::new);
        this.perEvent = java.util.stream.IntStream.range(0, this.subscriptions.length)
                .filter(i -> this.subscriptions[i].matchesOnSession())
                .toArray();
    }

    /** @return the indices of the subscriptions the event matches, ascending; never modify it */
    int[] matching(WorkflowEvent event) {
        Key key = new Key(event.eventType(), event.specName(), event.patternType());
        // computeIfAbsent, not get-then-put: see the notes of dev.switchboard.core.event.
        int[] cached = cache.size() < MAX_CACHED
                ? cache.computeIfAbsent(key, k -> scanWithoutSession(event))
                : lookupWhenFull(key, event);
        if (perEvent.length == 0) {
            return cached;
        }
        return withSessionMatches(cached, event);
    }

    private int[] lookupWhenFull(Key key, WorkflowEvent event) {
        int[] cached = cache.get(key);
        return cached != null ? cached : scanWithoutSession(event);
    }

    private int[] scanWithoutSession(WorkflowEvent event) {
        int[] matched = new int[subscriptions.length];
        int count = 0;
        for (int i = 0; i < subscriptions.length; i++) {
            if (!subscriptions[i].matchesOnSession() && subscriptions[i].matches(event)) {
                matched[count++] = i;
            }
        }
        return count == 0 ? NONE : Arrays.copyOf(matched, count);
    }

    private int[] withSessionMatches(int[] cached, WorkflowEvent event) {
        int[] matched = new int[cached.length + perEvent.length];
        int count = 0;
        int c = 0;
        for (int index : perEvent) {
            while (c < cached.length && cached[c] < index) {
                matched[count++] = cached[c++];
            }
            if (subscriptions[index].matches(event)) {
                matched[count++] = index;
            }
        }
        while (c < cached.length) {
            matched[count++] = cached[c++];
        }
        return Arrays.copyOf(matched, count);
    }
}
