package dev.switchboard.plugins.sentry;

import dev.switchboard.api.WorkflowEvent;
import io.sentry.Scope;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a workflow event into a Sentry event and the per-capture scope that carries its workflow
 * context and tags, as the seed's {@code push_scope} example does.
 */
final class SentryEventMapper {

    static final String ERROR_EVENT = "error";
    static final String WORKFLOW_CONTEXT = "workflow";
    static final String EVENT_ID_TAG = "switchboard_event_id";

    /** Sentry (Relay) drops tag values longer than this. */
    private static final int MAX_TAG_LENGTH = 200;

    private final SentryLevel level;
    private final Clock clock;

    SentryEventMapper(SentryLevel level, Clock clock) {
        this.level = level;
        this.clock = clock;
    }

    SentryEvent toSentryEvent(WorkflowEvent event) {
        SentryEvent sentryEvent = new SentryEvent(Date.from(instantOf(event)));
        if (event.id() != null) {
            // Derived from our id, so a retried delivery repeats the event id and Sentry keeps one.
            sentryEvent.setEventId(new SentryId(
                    UUID.nameUUIDFromBytes(event.id().getBytes(StandardCharsets.UTF_8))));
        }
        boolean error = ERROR_EVENT.equals(event.eventType());
        Message message = new Message();
        message.setFormatted(error ? errorText(event) : event.eventType());
        sentryEvent.setMessage(message);
        sentryEvent.setLevel(error ? SentryLevel.ERROR : level);
        sentryEvent.setLogger("switchboard");
        return sentryEvent;
    }

    Scope scopeFor(WorkflowEvent event, SentryOptions options) {
        Scope scope = new Scope(options);
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("name", event.specName());
        workflow.put("pattern", event.patternType());
        workflow.put("session_id", event.sessionId());
        scope.setContexts(WORKFLOW_CONTEXT, workflow);
        tag(scope, "workflow", event.specName());
        tag(scope, "pattern", event.patternType());
        tag(scope, "event_type", event.eventType());
        tag(scope, EVENT_ID_TAG, event.id());
        return scope;
    }

    private static String errorText(WorkflowEvent event) {
        Object error = event.data().get("error");
        String text = error == null ? "" : String.valueOf(error);
        return text.isBlank() ? event.eventType() : text;
    }

    private Instant instantOf(WorkflowEvent event) {
        try {
            return event.instant();
        } catch (DateTimeParseException e) {
            return clock.instant();
        }
    }

    private static void tag(Scope scope, String key, String value) {
        if (value != null) {
            scope.setTag(key, value.length() > MAX_TAG_LENGTH
                    ? value.substring(0, MAX_TAG_LENGTH) : value);
        }
    }
}
