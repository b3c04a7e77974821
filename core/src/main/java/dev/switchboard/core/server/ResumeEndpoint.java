package dev.switchboard.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.sessions.SessionStatus;
import dev.switchboard.core.sessions.SessionSummary;
import dev.switchboard.core.sessions.Sessions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code POST /v1/sessions/{id}/resume} with {@code {"hitl_response": "approved"}}: for a paused
 * session only (409 otherwise), publishes a {@code hitl_resume} event of the same session, spec and
 * pattern with {@code data.hitl_response}, so every subscriber (the workflow engine's own webhook
 * among them) receives it, and the session is running again.
 */
final class ResumeEndpoint implements Endpoint {

    static final String EVENT_TYPE = "hitl_resume";
    private static final int MAX_BODY = 64 * 1024;

    private final Switchboard switchboard;
    private final Sessions sessions;
    /** One resume at a time, so that two callers cannot both resume one pause. */
    private final Object lock = new Object();

    ResumeEndpoint(Switchboard switchboard, Sessions sessions) {
        this.switchboard = switchboard;
        this.sessions = sessions;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        String id = exchange.pathParameter(0);
        String response = hitlResponse(exchange.body(MAX_BODY));
        WorkflowEvent resumed;
        synchronized (lock) {
            SessionSummary session = sessions.summary(id)
                    .orElseThrow(() -> SessionsEndpoint.unknown(id));
            if (session.status() != SessionStatus.PAUSED) {
                throw new ApiError(HttpStatus.CONFLICT_409, "session '" + id + "' is " + session.status().label()
                        + "; only a paused session can be resumed").with("status", session.status().label());
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("hitl_response", response);
            Optional<WorkflowEvent> accepted = switchboard.tryPublish(WorkflowEvent.builder(EVENT_TYPE)
                    .sessionId(id)
                    .specName(session.specName())
                    .patternType(session.patternType())
                    .data(data)
                    .build());
            resumed = accepted.orElseThrow(() -> new ApiError(HttpStatus.SERVICE_UNAVAILABLE_503,
                    "a handler's queue is full; try again after 1 s").header(HttpHeader.RETRY_AFTER.asString(), "1"));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("session_id", id);
        answer.put("status", sessions.summary(id).map(s -> s.status().label()).orElse(SessionStatus.RUNNING.label()));
        answer.put("event_id", resumed.id());
        exchange.json(HttpStatus.ACCEPTED_202, answer);
    }

    private static String hitlResponse(byte[] body) throws ApiError {
        JsonNode root = JsonBodies.object(body, "{\"hitl_response\": \"approved\"}");
        JsonNode response = root.get("hitl_response");
        if (response == null || response.isNull()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "hitl_response is required", "hitl_response");
        }
        if (!response.isTextual()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "hitl_response must be a string", "hitl_response");
        }
        return response.asText();
    }
}
