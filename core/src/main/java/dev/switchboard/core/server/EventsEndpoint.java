package dev.switchboard.core.server;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code POST /v1/events}: accepts one event, a JSON array or NDJSON, and answers 202 with
 * {@code {"accepted": N, "ids": [...]}}. Every event is checked before any is accepted. When a
 * handler's queue is full the answer is 503 with {@code Retry-After}, naming the events that were
 * accepted before it filled, so that a sender resends only the rest; nothing waits in memory. The
 * 202 is sent only once every event of the body is durable in the store; when the store cannot
 * write (disk full, file not writable) the answer is 503 with the reason and {@code Retry-After}.
 */
final class EventsEndpoint implements Endpoint {

    static final String NDJSON = "application/x-ndjson";
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final String STORE_RETRY_AFTER_SECONDS = "5";

    /**
     * How many accepted events may wait to be durable with no thread waiting for them: enough for
     * every connection's single-event post; a post beyond it holds its server thread while it waits,
     * so that what waits in memory stays bounded (and within the store's window of each handler's
     * deliveries, which it hands out without reading them back).
     */
    static final int AWAITED_BY_NO_THREAD = 1_024;

    private final Semaphore awaitedByNoThread = new Semaphore(AWAITED_BY_NO_THREAD);
    private final Switchboard switchboard;
    private final int maxBodyBytes;
    private final ServiceMetrics metrics;

    EventsEndpoint(Switchboard switchboard, int maxBodyBytes, ServiceMetrics metrics) {
        this.switchboard = switchboard;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        boolean ndjson = ndjson(exchange.header(HttpHeader.CONTENT_TYPE));
        List<WorkflowEvent> events;
        try {
            byte[] body = exchange.body(maxBodyBytes);
            events = ndjson ? IncomingEvents.fromNdjson(body) : IncomingEvents.fromJson(body);
        } catch (ApiError refused) {
            metrics.rejected(refused.status == HttpStatus.PAYLOAD_TOO_LARGE_413 ? "too_large" : "invalid", 1);
            throw refused;
        }
        // Every event of the body is accepted first, then all are awaited: they share commits.
        List<CompletableFuture<WorkflowEvent>> pending = new ArrayList<>(events.size());
        boolean full = false;
        for (WorkflowEvent event : events) {
            Optional<CompletableFuture<WorkflowEvent>> accepted = switchboard.tryPublishAsync(event);
            if (accepted.isEmpty()) {
                full = true;
                break;
            }
            pending.add(accepted.get());
        }
        CompletableFuture<Void> durable = CompletableFuture.allOf(pending.toArray(CompletableFuture<?>[]::new));
        int waiting = pending.size();
        if (awaitedByNoThread.tryAcquire(waiting)) {
            boolean handlerFull = full;
            exchange.answerWhen(durable.whenComplete((done, failure) -> awaitedByNoThread.release(waiting)),
                    () -> answer(exchange, pending, handlerFull, events.size()));
        } else {
            // Beyond the budget this thread waits, as many posts at once as the server has threads.
            durable.exceptionally(failure -> null).join();
            answer(exchange, pending, full, events.size());
        }
    }

    /** Answers once every accepted event of the body is durable (or failed). */
    private void answer(Exchange exchange, List<CompletableFuture<WorkflowEvent>> pending, boolean full, int total)
            throws ApiError {
        List<String> ids = new ArrayList<>(pending.size());
        for (CompletableFuture<WorkflowEvent> durable : pending) {
            try {
                ids.add(durable.join().id());
            } catch (CompletionException e) {
                throw storeFault(e.getCause() != null ? e.getCause() : e, ids, total);
            }
        }
        metrics.accepted(ids.size());
        if (full) {
            metrics.rejected("overloaded", total - ids.size());
            throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE_503, "a handler's queue is full; "
                    + (ids.isEmpty() ? "no event was" : "only the first " + ids.size() + " events were")
                    + " accepted, send the rest again after " + RETRY_AFTER_SECONDS + " s")
                    .with("accepted", ids.size())
                    .with("ids", ids)
                    .header(HttpHeader.RETRY_AFTER.asString(), RETRY_AFTER_SECONDS);
        }
        exchange.json(HttpStatus.ACCEPTED_202, answer(ids));
    }

    /**
     * The answer when the store could not write an event: the events before it are accepted (they
     * became durable in order), the rest are to be sent again.
     */
    private ApiError storeFault(Throwable failure, List<String> ids, int total) {
        metrics.accepted(ids.size());
        metrics.rejected("store_unavailable", total - ids.size());
        if (!(failure instanceof StoreException fault)) {
            throw failure instanceof RuntimeException bug ? bug : new IllegalStateException(failure);
        }
        return new ApiError(HttpStatus.SERVICE_UNAVAILABLE_503, "the delivery store cannot write ("
                + fault.getMessage() + "); " + (ids.isEmpty() ? "no event was" : "only the first " + ids.size()
                + " events were") + " accepted, send the rest again later")
                .with("accepted", ids.size())
                .with("ids", ids)
                .header(HttpHeader.RETRY_AFTER.asString(), STORE_RETRY_AFTER_SECONDS);
    }

    /**
     * {@code {"accepted": N, "ids": [...]}}, written directly: the runtime's ids are UUIDs, which
     * need no escaping, and this answer is written for every post (any other id goes through Jackson).
     */
    static byte[] answer(List<String> ids) {
        StringBuilder json = new StringBuilder(24 + 39 * ids.size()).append("{\"accepted\":").append(ids.size())
                .append(",\"ids\":[");
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (!plain(id)) {
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("accepted", ids.size());
                answer.put("ids", ids);
                return Exchange.toJson(answer);
            }
            json.append(i == 0 ? "\"" : ",\"").append(id).append('"');
        }
        return json.append("]}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean plain(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the media type and its {@code charset} without trusting the header's shape: whatever
     * the sender wrote ({@code ;}, {@code charset=}, quotes, nothing before the semicolon) ends
     * in JSON, NDJSON or a 415.
     *
     * @throws ApiError 415 for anything but JSON or NDJSON in UTF-8
     */
    private boolean ndjson(String contentType) throws ApiError {
        if (contentType == null) {
            throw unsupported("Content-Type is missing");
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        String parameters = semicolon < 0 ? "" : contentType.substring(semicolon + 1);
        for (String parameter : parameters.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                continue;
            }
            String charset = parameter.substring(equals + 1).strip().replace("\"", "");
            if (!charset.equalsIgnoreCase("utf-8")) {
                throw unsupported("charset '" + charset + "' is not supported");
            }
        }
        if (type.equals(Exchange.JSON)) {
            return false;
        }
        if (type.equals(NDJSON)) {
            return true;
        }
        throw unsupported(type.isEmpty() ? "Content-Type names no media type" : "Content-Type " + type + " is not supported");
    }

    private ApiError unsupported(String problem) {
        metrics.rejected("unsupported_media_type", 1);
        return new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, problem + "; send application/json (an event or an array of events) or " + NDJSON + " in UTF-8");
    }
}
