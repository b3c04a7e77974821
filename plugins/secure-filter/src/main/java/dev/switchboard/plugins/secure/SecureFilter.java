package dev.switchboard.plugins.secure;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.WorkflowEvent;
import java.util.Map;

/**
 * Replaces secrets and personal data in an event's data with {@code [REDACTED:kind]} markers.
 * Never drops an event; returns the same instance when there is nothing to change.
 */
final class SecureFilter implements EventFilter {

    private final DataScrubber scrubber;

    SecureFilter(DataScrubber scrubber) {
        this.scrubber = scrubber;
    }

    @Override
    public WorkflowEvent apply(WorkflowEvent event) {
        Map<String, Object> data = event.data();
        Map<String, Object> cleaned = scrubber.scrub(data);
        return cleaned == data ? event : event.withData(cleaned);
    }
}
