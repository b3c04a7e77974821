package dev.switchboard.core.server;

import static dev.switchboard.core.server.DeliveriesEndpoint.withStore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.IdReplay;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Replays dead letters: they are pending again, due now, with their attempts reset and their
 * delivery id and event id (so their {@code webhook-id}) kept. {@code POST /v1/deliveries/{id}/replay}
 * replays one (404 unknown, 409 not a dead letter); {@code POST /v1/deliveries/replay} takes exactly
 * one of {@code {"handler": H}} (that handler's dead letters), {@code {"ids": [...]}} (up to 1000;
 * those that are not dead letters are skipped and listed) or {@code {"all": true}} (every handler's).
 * Both answer 202 with {@code {"replayed": N, "skipped": [...]}}.
 */
final class ReplayEndpoint {

    static final int MAX_IDS = 1000;
    private static final int MAX_BODY = 64 * 1024;
    private static final String EXAMPLE = "{\"handler\": \"audit\"}, {\"ids\": [12, 13]} or {\"all\": true}";
    private static final Set<String> FIELDS = Set.of("handler", "ids", "all");

    private final DeliveryStore store;
    private final DeliveriesEndpoint deliveries;

    ReplayEndpoint(DeliveryStore store, DeliveriesEndpoint deliveries) {
        this.store = store;
        this.deliveries = deliveries;
    }

    void one(Exchange exchange) throws ApiError {
        long id = DeliveriesEndpoint.id(exchange);
        if (!withStore(() -> store.deadLetters().replay(id))) {
            throw deliveries.notDead(id, "replayed");
        }
        exchange.json(HttpStatus.ACCEPTED_202, answer(1, List.of()));
    }

    void many(Exchange exchange) throws Exception {
        JsonNode body = JsonBodies.object(exchange.body(MAX_BODY), EXAMPLE);
        String field = onlyField(body);
        JsonNode value = body.get(field);
        switch (field) {
            case "handler" -> {
                if (!value.isTextual() || value.asText().isBlank()) {
                    throw new ApiError(HttpStatus.BAD_REQUEST_400, "handler must be a handler's name", "handler");
                }
                int replayed = withStore(() -> store.deadLetters().replayAll(value.asText()));
                exchange.json(HttpStatus.ACCEPTED_202, answer(replayed, List.of()));
            }
            case "all" -> {
                if (!value.isBoolean() || !value.asBoolean()) {
                    throw new ApiError(HttpStatus.BAD_REQUEST_400, "all must be true", "all");
                }
                int replayed = withStore(() -> store.deadLetters().replayAll());
                exchange.json(HttpStatus.ACCEPTED_202, answer(replayed, List.of()));
            }
            default -> replayIds(exchange, ids(value));
        }
    }

    private void replayIds(Exchange exchange, Set<Long> ids) throws ApiError {
        IdReplay.Outcome outcome = withStore(() -> IdReplay.replay(store, ids));
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (IdReplay.Skipped skip : outcome.skipped()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", skip.id());
            json.put("state", skip.state() == null ? null : skip.state().column());
            json.put("reason", skip.reason());
            skipped.add(json);
        }
        exchange.json(HttpStatus.ACCEPTED_202, answer(outcome.replayed(), skipped));
    }

    private static String onlyField(JsonNode body) throws ApiError {
        String only = null;
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new ApiError(HttpStatus.BAD_REQUEST_400, "unknown field '" + name + "'; send " + EXAMPLE, name);
            }
            if (only != null) {
                throw new ApiError(HttpStatus.BAD_REQUEST_400, "send one of handler, ids and all, not " + only + " and "
                        + name, name);
            }
            only = name;
        }
        if (only == null) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "say what to replay: " + EXAMPLE);
        }
        return only;
    }

    private static Set<Long> ids(JsonNode value) throws ApiError {
        if (!value.isArray() || value.isEmpty() || value.size() > MAX_IDS) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "ids must be a list of 1 to " + MAX_IDS + " delivery ids", "ids");
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (JsonNode id : value) {
            if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() <= 0) {
                throw new ApiError(HttpStatus.BAD_REQUEST_400, "ids must hold whole numbers from 1, not " + id, "ids");
            }
            ids.add(id.asLong());
        }
        return ids;
    }

    private static Map<String, Object> answer(int replayed, List<Map<String, Object>> skipped) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("replayed", replayed);
        answer.put("skipped", skipped);
        return answer;
    }
}
