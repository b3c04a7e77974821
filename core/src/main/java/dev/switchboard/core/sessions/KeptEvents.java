package dev.switchboard.core.sessions;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.delivery.Redaction;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the sessions view shows of an event: its data redacted by the view's {@link RedactSettings},
 * then cut to {@link SessionLimits#maxEventBytes} (see {@link KeptData}), the same whether the view
 * keeps it in memory ({@link SessionView}) or reads it from the store. Thread-safe.
 *
 * @since 0.1
 */
public final class KeptEvents {

    /** An event as kept and what its data takes. */
    record Kept(WorkflowEvent event, KeptData data) {
    }

    private final UnaryOperator<WorkflowEvent> redaction;
    private final int maxEventBytes;

    /**
     * @param redact what is removed or masked from each event's data
     * @param maxEventBytes how much of each event's (redacted) data is kept, see {@link KeptData}
     */
    public KeptEvents(RedactSettings redact, int maxEventBytes) {
        this.redaction = Redaction.of(redact);
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * @param event an accepted event with its id, as it was accepted
     * @param receivedAt when the runtime accepted it
     * @param deliveries per handler, in configuration order, what became of its delivery
     * @return the event as the view shows it
     */
    public EventRecord record(WorkflowEvent event, Instant receivedAt, Map<String, DeliveryState> deliveries) {
        Kept kept = keep(event);
        return new EventRecord(kept.event, receivedAt, deliveries, kept.data.truncation);
    }

    /** @return the event with its data redacted and, when too large, cut */
    Kept keep(WorkflowEvent event) {
        WorkflowEvent redacted = redaction.apply(event);
        KeptData data = KeptData.of(redacted.data(), maxEventBytes);
        return new Kept(data.truncation == null ? redacted : redacted.withData(data.data), data);
    }
}
