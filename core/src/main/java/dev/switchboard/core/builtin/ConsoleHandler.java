package dev.switchboard.core.builtin;

import dev.switchboard.api.EventHandler;
import dev.switchboard.api.Previewable;
import dev.switchboard.api.WorkflowEvent;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Prints {@code 10:30:45.123 step_complete research-workflow [a1b2c3d4-e5f6-7890] step_index=1
 * response="Step output..."}: time (UTC), type, spec, the whole session id (ids that share a
 * prefix, such as {@code sess-019999} and {@code sess-019998}, stay apart), then the data's
 * top-level values, each shortened.
 */
final class ConsoleHandler implements EventHandler, Previewable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private final int maxValueChars;

    ConsoleHandler(PrintStream out, int maxValueChars) {
        this.out = out;
        this.maxValueChars = maxValueChars;
    }

    @Override
    public void handle(WorkflowEvent event) {
        String line = format(event);
        synchronized (out) {
            out.println(line);
        }
    }

    /** The line {@link #handle} would print. */
    @Override
    public Map<String, Object> preview(WorkflowEvent event) {
        return Map.of("line", format(event));
    }

    String format(WorkflowEvent event) {
        StringBuilder line = new StringBuilder(128);
        line.append(time(event)).append(' ').append(event.eventType());
        line.append(' ').append(event.specName() == null ? "-" : event.specName());
        if (event.sessionId() != null) {
            line.append(" [").append(event.sessionId()).append(']');
        }
        for (Map.Entry<String, Object> entry : event.data().entrySet()) {
            line.append(' ').append(entry.getKey()).append('=').append(shorten(entry.getValue()));
        }
        return line.toString();
    }

    private static String time(WorkflowEvent event) {
        try {
            return LocalTime.ofInstant(event.instant(), ZoneOffset.UTC).format(TIME);
        } catch (DateTimeParseException e) {
            return event.timestamp();
        }
    }

    private String shorten(Object value) {
        if (value == null) {
            return "null";
        }
        String text = String.valueOf(value).replaceAll("\\s+", " ");
        if (text.length() > maxValueChars) {
            text = text.substring(0, maxValueChars) + "…";
        }
        return value instanceof String ? "\"" + text + "\"" : text;
    }
}
