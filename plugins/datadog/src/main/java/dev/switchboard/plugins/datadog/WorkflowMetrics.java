package dev.switchboard.plugins.datadog;

import dev.switchboard.api.WorkflowEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What both modes report about an event: the metric names, the tags, the duration, and the
 * title and text of an error. The statsd and api handlers only differ in how they send it.
 */
final class WorkflowMetrics {

    static final String DEFAULT_PREFIX = "strands.workflow";
    static final String ERROR_EVENT_TYPE = "error";

    private final String eventsMetric;
    private final String durationMetric;
    private final List<String> configTags;

    /**
     * @param prefix the metric name prefix, already validated
     * @param configTags the handler's {@code config.tags}, already validated; sent after the
     *     event's own tags
     */
    WorkflowMetrics(String prefix, List<String> configTags) {
        this.eventsMetric = prefix + ".events";
        this.durationMetric = prefix + ".duration";
        this.configTags = List.copyOf(configTags);
    }

    /** @return the name of the count sent for every event */
    String eventsMetric() {
        return eventsMetric;
    }

    /** @return the name of the metric carrying {@code data.duration_seconds} */
    String durationMetric() {
        return durationMetric;
    }

    /**
     * @return {@code workflow:}, {@code pattern:} and {@code event_type:} tags (each only when
     *     the event has that field) followed by the configured tags
     */
    List<String> tags(WorkflowEvent event) {
        List<String> tags = new ArrayList<>(3 + configTags.size());
        addTag(tags, "workflow", event.specName());
        addTag(tags, "pattern", event.patternType());
        addTag(tags, "event_type", event.eventType());
        tags.addAll(configTags);
        return tags;
    }

    /** @return {@code data.duration_seconds} when it is a finite number, else empty */
    OptionalDouble duration(WorkflowEvent event) {
        Object value = event.data().get("duration_seconds");
        if (value instanceof Number) {
            double seconds = ((Number) value).doubleValue();
            if (Double.isFinite(seconds)) {
                return OptionalDouble.of(seconds);
            }
        }
        return OptionalDouble.empty();
    }

    /** @return whether the event is reported as an error event as well */
    boolean isError(WorkflowEvent event) {
        return ERROR_EVENT_TYPE.equals(event.eventType());
    }

    /** @return e.g. {@code Workflow error: research} */
    String errorTitle(WorkflowEvent event) {
        return event.specName() == null ? "Workflow error" : "Workflow error: " + event.specName();
    }

    /** @return {@code data.error} when present, else the event type */
    String errorText(WorkflowEvent event) {
        Object error = event.data().get("error");
        return error == null ? event.eventType() : String.valueOf(error);
    }

    private static void addTag(List<String> tags, String key, String value) {
        if (value != null) {
            tags.add(key + ":" + safeTagValue(value));
        }
    }

    /**
     * DogStatsD separates tags with {@code ,}, fields with {@code |} and lines with newlines; a
     * spec name containing one of them would corrupt the datagram, so it becomes {@code _}
     * (which is also what Datadog itself turns unsupported tag characters into).
     */
    private static String safeTagValue(String value) {
        StringBuilder safe = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            safe.append(c == ',' || c == '|' || c == '\n' || c == '\r' ? '_' : c);
        }
        return safe.toString();
    }
}
