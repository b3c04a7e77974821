package dev.switchboard.core;

import dev.switchboard.api.AsyncEventHandler;
import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.Previewable;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerPreview.Outcome;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.delivery.DryRunSteps;
import dev.switchboard.core.delivery.ResolvedFilter;
import dev.switchboard.core.delivery.Subscription;
import dev.switchboard.core.event.EventIds;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.http.CapturedRequest;
import dev.switchboard.core.http.CapturingTransport;
import dev.switchboard.core.plugin.ContextClassLoaders;
import dev.switchboard.core.plugin.PluginCatalog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A second set of the configuration's handlers, created by the same factories but given a
 * transport that records requests instead of sending them, to show what each would send for an
 * event: after the same redaction, filters, template and signing as a real attempt.
 */
final class DryRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DryRun.class);

    private record Entry(HandlerSpec spec, EventHandler handler, ClassLoader loader, List<ResolvedFilter> filters,
                         Subscription subscription, UnaryOperator<String> mask) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final CapturingTransport capture;

    private DryRun(CapturingTransport capture) {
        this.capture = capture;
    }

    static DryRun create(PluginCatalog catalog, RuntimeConfig config, Clock clock, Set<String> substitutedValues)
            throws ConfigProblem {
        CapturingTransport capture = new CapturingTransport(EventJson.mapper(), clock);
        DryRun dryRun = new DryRun(capture);
        new HandlerAssembler(catalog, capture, clock).assemble(config, (spec, handler, factory, filters) ->
                dryRun.entries.put(spec.name(), new Entry(spec, handler, factory.classLoader(), filters,
                        new Subscription(spec.events(), spec.match()),
                        DryRunSteps.secretMask(spec, substitutedValues))));
        return dryRun;
    }

    /**
     * @param only a handler's name, or null for every handler
     * @throws IllegalArgumentException if {@code only} names no handler
     */
    Preview preview(WorkflowEvent event, String only) {
        if (only != null && !entries.containsKey(only)) {
            throw new IllegalArgumentException("no handler named '" + only + "'; handlers: "
                    + String.join(", ", entries.keySet()));
        }
        WorkflowEvent withId = event.id() != null ? event : event.toBuilder().id(EventIds.next()).build();
        List<HandlerPreview> previews = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (only == null || only.equals(entry.spec.name())) {
                previews.add(preview(entry, withId));
            }
        }
        return new Preview(withId.id(), List.copyOf(previews));
    }

    private HandlerPreview preview(Entry entry, WorkflowEvent event) {
        String mismatch = entry.subscription.mismatch(event);
        if (mismatch != null) {
            return result(entry, Outcome.NOT_MATCHED, mismatch);
        }
        DryRunSteps.Shaped shaped;
        try {
            shaped = DryRunSteps.shape(entry.spec, entry.filters, event);
        } catch (RuntimeException e) {
            return result(entry, Outcome.WOULD_FAIL, "a filter failed: " + e);
        }
        if (shaped.event() == null) {
            return result(entry, Outcome.SENDS_NOTHING, "filter '" + shaped.droppedBy() + "' drops the event");
        }
        try {
            if (entry.handler instanceof Previewable previewable) {
                Map<String, Object> description = ContextClassLoaders.callWith(entry.loader,
                        () -> previewable.preview(shaped.event()));
                return description.isEmpty()
                        ? result(entry, Outcome.SENDS_NOTHING, "the handler sends nothing for this event")
                        : new HandlerPreview(entry.spec.name(), entry.spec.type(), Outcome.WOULD_SEND, null,
                                List.of(), description);
            }
            if (entry.handler instanceof WebhookEventHandler webhook) {
                return captured(entry, webhook, shaped.event());
            }
        } catch (DeliveryException e) {
            return result(entry, Outcome.WOULD_FAIL, entry.mask.apply(e.getMessage()));
        } catch (Exception e) {
            return result(entry, Outcome.WOULD_FAIL, entry.mask.apply(e.toString()));
        }
        return result(entry, Outcome.CANNOT_PREVIEW, "this handler cannot preview");
    }

    /** Only a {@link WebhookEventHandler} is known to send through the transport alone, so only it is run. */
    private HandlerPreview captured(Entry entry, AsyncEventHandler handler, WorkflowEvent event) throws Exception {
        CapturingTransport.Capture<CompletableFuture<Void>> run = capture.capture(() ->
                ContextClassLoaders.callWith(entry.loader, () -> handler.handleAsync(event)).toCompletableFuture());
        try {
            run.result().get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return result(entry, Outcome.WOULD_FAIL, entry.mask.apply(cause instanceof DeliveryException
                    ? cause.getMessage() : cause.toString()));
        }
        if (run.requests().isEmpty()) {
            return result(entry, Outcome.SENDS_NOTHING, "the handler sends nothing for this event");
        }
        List<HandlerPreview.Request> requests = new ArrayList<>();
        for (CapturedRequest request : run.requests()) {
            requests.add(new HandlerPreview.Request(request.method(), entry.mask.apply(request.url()),
                    request.headers().stream()
                            .map(h -> Map.entry(h.getKey(), entry.mask.apply(h.getValue()))).toList(),
                    entry.mask.apply(new String(request.body(), StandardCharsets.UTF_8))));
        }
        return new HandlerPreview(entry.spec.name(), entry.spec.type(), Outcome.WOULD_SEND, null,
                List.copyOf(requests), null);
    }

    private static HandlerPreview result(Entry entry, Outcome outcome, String reason) {
        return new HandlerPreview(entry.spec.name(), entry.spec.type(), outcome, reason, List.of(), null);
    }

    @Override
    public void close() {
        for (Entry entry : entries.values()) {
            try {
                ContextClassLoaders.runWith(entry.loader, entry.handler::close);
            } catch (Exception e) {
                LOG.debug("preview handler '{}' did not close: {}", entry.spec.name(), e.toString());
            }
        }
    }
}
