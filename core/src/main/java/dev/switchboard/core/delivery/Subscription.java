package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which events a handler receives: its {@code events} (exact names, {@code prefix_*}, {@code *})
 * and, optionally, {@code match} on event fields (exact values or globs), all of which must hold.
 */
public final class Subscription {

    private final GlobPattern[] events;
    private final List<FieldMatch> fields;

    public Subscription(List<String> eventPatterns, Map<String, String> match) {
        this.events = eventPatterns.stream().map(GlobPattern::new).toArray(GlobPattern[]::new);
        this.fields = new ArrayList<>(match.size());
        match.forEach((field, glob) -> fields.add(new FieldMatch(accessor(field), new GlobPattern(glob))));
    }

    public boolean matches(WorkflowEvent event) {
        return matchesType(event.eventType()) && matchesFields(event);
    }

    private boolean matchesType(String eventType) {
        for (GlobPattern pattern : events) {
            if (pattern.matches(eventType)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesFields(WorkflowEvent event) {
        for (FieldMatch field : fields) {
            if (!field.pattern.matches(field.accessor.apply(event))) {
                return false;
            }
        }
        return true;
    }

    private static Function<WorkflowEvent, String> accessor(String field) {
        switch (field) {
            case "event_type":
                return WorkflowEvent::eventType;
            case "spec_name":
                return WorkflowEvent::specName;
            case "pattern_type":
                return WorkflowEvent::patternType;
            case "session_id":
                return WorkflowEvent::sessionId;
            default:
                throw new IllegalArgumentException("cannot match on field " + field);
        }
    }

    private record FieldMatch(Function<WorkflowEvent, String> accessor, GlobPattern pattern) {
    }
}
