package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import java.util.function.UnaryOperator;

/**
 * The runtime's redaction for readers outside the delivery pipeline (the sessions view): the same
 * rules and the same walk as the redaction that runs before every handler.
 */
public final class Redaction {

    private Redaction() {
    }

    /**
     * @return a thread-safe function giving the event with its data redacted by {@code settings};
     *     the same instance when nothing in it is sensitive
     */
    public static UnaryOperator<WorkflowEvent> of(RedactSettings settings) {
        return new Redactor(settings)::redact;
    }
}
