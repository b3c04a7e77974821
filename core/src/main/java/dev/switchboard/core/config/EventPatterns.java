package dev.switchboard.core.config;

import java.util.List;

/**
 * The patterns of {@code events:} and {@code match:}, checked when the file is read (the delivery
 * engine's {@code Subscription} matches them).
 *
 * <ul>
 *   <li>{@code events:} items are an exact event type, a prefix glob ({@code workflow_*}) or {@code *}.
 *   <li>{@code match:} values are an exact value or a glob where {@code *} stands for any run of
 *       characters ({@code research-*}, {@code *-nightly}).
 * </ul>
 */
final class EventPatterns {

    /** The event fields a {@code match:} may test. */
    public static final List<String> MATCH_FIELDS = List.of("event_type", "spec_name", "pattern_type", "session_id");

    private EventPatterns() {
    }

    /** @return why a number, a boolean or a null is not an {@code events:} item */
    static String notText(String shown) {
        return "bad event type" + shown + ": an event type is text, e.g. workflow_complete (quote it if you mean"
                + " the text)";
    }

    /**
     * @param shown the pattern as {@link YamlNode.Scalar#shown()} quotes it for a message
     * @return why {@code pattern} is not a valid {@code events:} item, or null when it is
     */
    static String eventPatternProblem(String pattern, String shown) {
        if (pattern.isBlank()) {
            return "an event type must not be empty";
        }
        int star = pattern.indexOf('*');
        if (star >= 0 && star != pattern.length() - 1) {
            return "bad pattern" + shown + ": write an exact event type, a prefix ending in * (e.g. workflow_*), or *";
        }
        return null;
    }
}
