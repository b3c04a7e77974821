package dev.switchboard.core.server;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.store.DeadLetters;
import dev.switchboard.core.store.DeliveryRecord;
import dev.switchboard.core.store.DeliveryState;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.StoreException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code GET /v1/deliveries} ({@code state} dead by default, or pending, in_flight, delivered;
 * {@code handler}, {@code event_id}, {@code offset}, {@code limit}; newest first),
 * {@code GET /v1/deliveries/{id}} and {@code DELETE /v1/deliveries/{id}} (dead letters only: 409
 * for a delivery in another state, which the runtime still owns). Replays are {@link ReplayEndpoint}'s.
 */
final class DeliveriesEndpoint {

    static final List<String> STATES = Arrays.stream(DeliveryState.values()).map(DeliveryState::column).toList();

    private final DeliveryStore store;
    private final UnaryOperator<WorkflowEvent> redaction;

    DeliveriesEndpoint(DeliveryStore store, UnaryOperator<WorkflowEvent> redaction) {
        this.store = store;
        this.redaction = redaction;
    }

    void list(Exchange exchange) throws ApiError {
        int offset = QueryParameters.offset(exchange);
        int limit = QueryParameters.limit(exchange);
        String stateName = QueryParameters.text(exchange, "state");
        DeliveryState state = stateName == null ? DeliveryState.DEAD : DeliveryState.parse(stateName)
                .orElseThrow(() -> new ApiError(HttpStatus.BAD_REQUEST_400,
                        "state must be one of " + String.join(", ", STATES), "state").with("valid", STATES));
        List<DeliveryRecord> page = withStore(() -> store.deliveries().list(state,
                QueryParameters.text(exchange, "handler"), QueryParameters.text(exchange, "event_id"), offset, limit));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.stream().map(record -> DeliveryJson.of(record, redaction)).toList());
        answer.put("state", state.column());
        answer.put("offset", offset);
        answer.put("limit", limit);
        exchange.json(HttpStatus.OK_200, answer);
    }

    void get(Exchange exchange) throws ApiError {
        long id = id(exchange);
        DeliveryRecord record = find(id).orElseThrow(() -> unknown(id));
        exchange.json(HttpStatus.OK_200, DeliveryJson.of(record, redaction));
    }

    void delete(Exchange exchange) throws ApiError {
        long id = id(exchange);
        DeadLetters deadLetters = store.deadLetters();
        if (!withStore(() -> deadLetters.delete(id))) {
            throw notDead(id, "deleted");
        }
        exchange.empty(HttpStatus.NO_CONTENT_204);
    }

    /** @return 404 when the store has no such delivery, else 409 naming its state */
    ApiError notDead(long id, String verb) {
        DeliveryRecord record;
        try {
            record = find(id).orElse(null);
        } catch (ApiError e) {
            return e;
        }
        if (record == null) {
            return unknown(id);
        }
        String state = record.state().column();
        return new ApiError(HttpStatus.CONFLICT_409, "delivery " + id + " is " + state + "; only a dead letter can be "
                + verb).with("state", state);
    }

    Optional<DeliveryRecord> find(long id) throws ApiError {
        return withStore(() -> store.deliveries().get(id));
    }

    static ApiError unknown(long id) {
        return new ApiError(HttpStatus.NOT_FOUND_404, "no delivery " + id + " is stored (never, deleted, or pruned after"
                + " delivery)");
    }

    /** @return the {@code {id}} of the path, a positive whole number */
    static long id(Exchange exchange) throws ApiError {
        String text = exchange.pathParameter(0);
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            id = 0;
        }
        if (id <= 0) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "a delivery id is a whole number from 1, not '" + text + "'",
                    "id");
        }
        return id;
    }

    /** Something the store does for a request. */
    @FunctionalInterface
    interface StoreCall<T> {
        T call();
    }

    /** Runs a store call, answering 503 when the store fails (a full disk, an unreadable file). */
    static <T> T withStore(StoreCall<T> call) throws ApiError {
        try {
            return call.call();
        } catch (StoreException e) {
            throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE_503, "the delivery store failed: " + e.getMessage());
        }
    }
}
