package dev.switchboard.core.sessions;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a workflow session stands, derived from the events seen for it: {@code pending} when it
 * was created by {@code workflow_execute} (a start asked of the engine, e.g. through
 * {@code POST /v1/sessions}) and the engine has not reported yet, {@code running} after
 * {@code workflow_start} (or {@code hitl_resume}), {@code paused} after {@code hitl_pause},
 * {@code completed} after {@code workflow_complete}, {@code failed} after {@code error}. Other
 * events leave the status as it was; a session first seen through one of them is running.
 */
public enum SessionStatus {
    PENDING, RUNNING, PAUSED, COMPLETED, FAILED;

    /** The type of the event that asks the workflow engine to start a session. */
    public static final String EXECUTE = "workflow_execute";

    /** @return the status as written in the API, e.g. {@code running} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return every label, in declaration order, for error messages */
    public static List<String> labels() {
        return Arrays.stream(values()).map(SessionStatus::label).toList();
    }

    /** @return the status with this label, if there is one */
    public static Optional<SessionStatus> parse(String label) {
        return Arrays.stream(values()).filter(status -> status.label().equals(label)).findFirst();
    }

    /**
     * @param eventType an event's type
     * @return the status an event of this type sets, whatever the status was; empty for a type that
     *     leaves the status as it was ({@code workflow_execute} sets {@code pending} only on the
     *     session it creates: see {@link #after})
     */
    public static Optional<SessionStatus> setBy(String eventType) {
        return Optional.ofNullable(switch (eventType) {
            case "workflow_start", "hitl_resume" -> RUNNING;
            case "hitl_pause" -> PAUSED;
            case "workflow_complete" -> COMPLETED;
            case "error" -> FAILED;
            default -> null;
        });
    }

    /**
     * @param current the status so far; null for a session not seen before
     * @param eventType the type of the event seen now
     * @return the status once an event of this type has been seen
     */
    public static SessionStatus after(SessionStatus current, String eventType) {
        if (current == null && eventType.equals(EXECUTE)) {
            return PENDING;
        }
        return setBy(eventType).orElse(current == null ? RUNNING : current);
    }
}
