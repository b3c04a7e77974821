package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which events a handler receives: its {@code events} (exact names, {@code prefix_*}, {@code *})
 * and, optionally, {@code match} on event fields (exact values or globs), all of which must hold.
 */
public final class Subscription {

    private final GlobPattern[] events;
    private final FieldMatch[] fields;
    private final boolean onSession;

    public Subscription(List<String> eventPatterns, Map<String, String> match) {
        this.events = eventPatterns.stream().map(GlobPattern::new).toArray(GlobPattern[]::new);
        List<FieldMatch> matches = new ArrayList<>(match.size());
        match.forEach((field, glob) -> matches.add(new FieldMatch(field(field), new GlobPattern(glob))));
        this.fields = matches.toArray(FieldMatch[]::new);
        this.onSession = match.containsKey("session_id");
    }

    /** @return true when this subscription matches on {@code session_id} (its answer varies per session) */
    boolean matchesOnSession() {
        return onSession;
    }

    /**
     * @return why this subscription does not take the event, e.g. {@code event type 'step_start' is
     *     not in events [workflow_*, error]} or {@code match: spec_name 'ops' does not match 'research-*'};
     *     null when it does take it
     */
    public String mismatch(WorkflowEvent event) {
        if (!matchesType(event.eventType())) {
            return "event type '" + event.eventType() + "' is not in events " + Arrays.toString(events);
        }
        for (FieldMatch field : fields) {
            String value = value(field.field, event);
            if (!field.pattern.matches(value)) {
                return "match: " + field.field.name().toLowerCase(Locale.ROOT) + " "
                        + (value == null ? "(absent)" : "'" + value + "'") + " does not match '" + field.pattern + "'";
            }
        }
        return null;
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
            if (!field.pattern.matches(value(field.field, event))) {
                return false;
            }
        }
        return true;
    }

    /** Which field a match names; a switch, not a function per field, keeps the call monomorphic. */
    private enum Field { EVENT_TYPE, SPEC_NAME, PATTERN_TYPE, SESSION_ID }

    private static Field field(String name) {
        switch (name) {
            case "event_type":
                return Field.EVENT_TYPE;
            case "spec_name":
                return Field.SPEC_NAME;
            case "pattern_type":
                return Field.PATTERN_TYPE;
            case "session_id":
                return Field.SESSION_ID;
            default:
                throw new IllegalArgumentException("cannot match on field " + name);
        }
    }

    private static String value(Field field, WorkflowEvent event) {
        switch (field) {
            case EVENT_TYPE:
                return event.eventType();
            case SPEC_NAME:
                return event.specName();
            case PATTERN_TYPE:
                return event.patternType();
            default:
                return event.sessionId();
        }
    }

    private record FieldMatch(Field field, GlobPattern pattern) {
    }
}
