package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.plugin.ContextClassLoaders;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The steps of an attempt before the handler, for a preview: the same redaction and filters, in
 * the same order, as {@link DeliveryEngine}'s pipeline, and the same masking of secrets as its
 * failure reasons.
 */
public final class DryRunSteps {

    private DryRunSteps() {
    }

    /**
     * @param event what the handler would be given, or null when a filter dropped the event
     * @param droppedBy the filter that dropped it, or null
     */
    public record Shaped(WorkflowEvent event, String droppedBy) {
    }

    /** @return the event after the handler's redaction and filters */
    public static Shaped shape(HandlerSpec spec, List<ResolvedFilter> filters, WorkflowEvent event) {
        WorkflowEvent shaped = new Redactor(spec.redact()).redact(event);
        for (ResolvedFilter filter : filters) {
            WorkflowEvent in = shaped;
            shaped = ContextClassLoaders.callWith(filter.loader(), () -> filter.filter().apply(in));
            if (shaped == null) {
                return new Shaped(null, filter.type());
            }
        }
        return new Shaped(shaped, null);
    }

    /**
     * @param substitutedValues the values {@code ${VAR}} put into the configuration
     * @return what replaces each of the handler's secrets with {@code ***} in a text
     */
    public static UnaryOperator<String> secretMask(HandlerSpec spec, Set<String> substitutedValues) {
        Set<String> secrets = new LinkedHashSet<>(substitutedValues);
        secrets.addAll(ConfiguredSecrets.in(spec.config().asMap()));
        return SecretMasker.of(secrets)::mask;
    }
}
