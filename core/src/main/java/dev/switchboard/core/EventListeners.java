package dev.switchboard.core;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.delivery.Subscription;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-process listeners registered with {@code Switchboard.on(eventType, listener)}. */
final class EventListeners {

    private static final Logger LOG = LoggerFactory.getLogger(EventListeners.class);

    private final List<Entry> entries = new CopyOnWriteArrayList<>();

    void add(String eventType, Consumer<WorkflowEvent> listener) {
        entries.add(new Entry(eventType, new Subscription(List.of(eventType), Map.of()), listener));
    }

    void notify(WorkflowEvent event) {
        for (Entry entry : entries) {
            if (entry.subscription.matches(event)) {
                try {
                    entry.listener.accept(event);
                } catch (RuntimeException e) {
                    LOG.error("listener for '{}' failed on event {}", entry.eventType, event.id(), e);
                }
            }
        }
    }

    private record Entry(String eventType, Subscription subscription, Consumer<WorkflowEvent> listener) {
    }
}
