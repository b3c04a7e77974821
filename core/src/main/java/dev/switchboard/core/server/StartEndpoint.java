package dev.switchboard.core.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.sessions.SessionStatus;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code POST /v1/sessions} with {@code {"spec_name": "research-workflow", "variables": {...}}}: the
 * seed's {@code /workflow/execute}. Makes a session id and publishes a {@code workflow_execute} event
 * of that session and spec with {@code data.variables}, so every subscriber (the workflow engine's
 * own webhook among them) receives it, as {@link ResumeEndpoint} relays {@code hitl_resume}. The
 * session is {@code pending} until the engine's {@code workflow_start} arrives. Answers 202 with
 * {@code session_id}, {@code status} and {@code event_id}; 400 for a body without {@code spec_name}
 * or with {@code variables} other than an object; 503 when a subscriber's queue is full.
 */
final class StartEndpoint implements Endpoint {

    private static final String EXAMPLE = "{\"spec_name\": \"research-workflow\", \"variables\": {\"topic\": \"AI safety\"}}";
    private static final Set<String> FIELDS = Set.of("spec_name", "variables");
    private static final TypeReference<Map<String, Object>> VARIABLES = new TypeReference<>() {
    };

    private final Switchboard switchboard;
    private final int maxBodyBytes;

    /** @param maxBodyBytes {@code server.max_body_bytes}, as for {@code POST /v1/events} */
    StartEndpoint(Switchboard switchboard, int maxBodyBytes) {
        this.switchboard = switchboard;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        JsonNode body = JsonBodies.object(exchange.body(maxBodyBytes), EXAMPLE);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ApiError(HttpStatus.BAD_REQUEST_400, "unknown field '" + name + "'; send " + EXAMPLE, name);
            }
        }
        JsonNode spec = body.get("spec_name");
        if (spec == null || spec.isNull()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "spec_name is required", "spec_name");
        }
        if (!spec.isTextual() || spec.asText().isBlank()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "spec_name must be a workflow spec's name", "spec_name");
        }
        JsonNode variables = body.get("variables");
        if (variables != null && !variables.isNull() && !variables.isObject()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "variables must be a JSON object such as {\"topic\": \"AI safety\"}",
                    "variables");
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("variables", variables == null || variables.isNull() ? Map.of()
                : EventJson.mapper().convertValue(variables, VARIABLES));
        String sessionId = UUID.randomUUID().toString();
        WorkflowEvent started = switchboard.tryPublish(WorkflowEvent.builder(SessionStatus.EXECUTE)
                        .sessionId(sessionId)
                        .specName(spec.asText())
                        .data(data)
                        .build())
                .orElseThrow(() -> new ApiError(HttpStatus.SERVICE_UNAVAILABLE_503,
                        "a handler's queue is full; try again after 1 s").header(HttpHeader.RETRY_AFTER.asString(), "1"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("session_id", sessionId);
        answer.put("status", SessionStatus.PENDING.label());
        answer.put("event_id", started.id());
        exchange.json(HttpStatus.ACCEPTED_202, answer);
    }
}
