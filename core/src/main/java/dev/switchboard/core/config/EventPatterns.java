package dev.switchboard.core.config;

import java.util.List;

/**
 * The patterns of {@code events:} and {@code match:}, checked when the file is read and matched
 * when an event is dispatched.
 *
 * <ul>
 *   <li>{@code events:} items are an exact event type, a prefix glob ({@code workflow_*}) or {@code *}.
 *   <li>{@code match:} values are an exact value or a glob where {@code *} stands for any run of
 *       characters ({@code research-*}, {@code *-nightly}).
 * </ul>
 */
public final class EventPatterns {

    /** The event fields a {@code match:} may test. */
    public static final List<String> MATCH_FIELDS = List.of("event_type", "spec_name", "pattern_type", "session_id");

    private EventPatterns() {
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

    /**
     * @param pattern an {@code events:} item or {@code match:} value: exact, or with {@code *}
     *     standing for any run of characters
     * @param value the event's field; null never matches
     * @return whether the value matches
     */
    public static boolean matches(String pattern, String value) {
        if (value == null) {
            return false;
        }
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(value);
        }
        String[] parts = pattern.split("\\*", -1);
        if (!value.startsWith(parts[0])) {
            return false;
        }
        int from = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int at = value.indexOf(parts[i], from);
            if (at < 0) {
                return false;
            }
            from = at + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return value.length() - from >= last.length() && value.endsWith(last);
    }
}
