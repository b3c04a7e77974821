package dev.switchboard.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.store.DeliveryState;
import dev.switchboard.core.store.IdReplay;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deliveries of a running runtime, through its {@code /v1/deliveries} API with the JDK's HTTP
 * client. The API key, when there is one, is sent as {@code X-API-Key} and never printed.
 */
final class RemoteDeliveries implements DeliveriesClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** As many ids as the API takes in one request. */
    private static final int IDS_PER_REQUEST = 1000;

    private final URI base;
    private final String apiKey;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    /**
     * @param base the runtime's address, e.g. {@code http://127.0.0.1:8080/}
     * @param apiKey one of its {@code server.api_keys}, or null
     */
    RemoteDeliveries(URI base, String apiKey) {
        this.base = base;
        this.apiKey = apiKey;
    }

    /**
     * @return the address with a path ending in {@code /}, so that API paths resolve below it
     * @throws UsageError when it is no http or https URL with a host
     */
    static URI baseUri(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
                || uri.getQuery() != null || uri.getFragment() != null) {
            throw new UsageError("--url " + url + ": not an http(s) address such as http://127.0.0.1:8080/");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.resolve(path.endsWith("/") ? path : path + "/");
    }

    @Override
    public List<Map<String, Object>> list(DeliveryState state, String handler, String eventId, int offset, int limit) {
        StringBuilder query = new StringBuilder("v1/deliveries?state=").append(state.column())
                .append("&offset=").append(offset).append("&limit=").append(limit);
        if (handler != null) {
            query.append("&handler=").append(URLEncoder.encode(handler, StandardCharsets.UTF_8));
        }
        if (eventId != null) {
            query.append("&event_id=").append(URLEncoder.encode(eventId, StandardCharsets.UTF_8));
        }
        JsonNode answer = send(request(query.toString()).GET());
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : answer.path("items")) {
            items.add(EventJson.mapper().convertValue(item, new TypeReference<LinkedHashMap<String, Object>>() { }));
        }
        return items;
    }

    @Override
    public IdReplay.Outcome replay(List<Long> ids) {
        int replayed = 0;
        List<IdReplay.Skipped> skipped = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IDS_PER_REQUEST) {
            JsonNode answer = post(Map.of("ids", ids.subList(from, Math.min(ids.size(), from + IDS_PER_REQUEST))));
            replayed += answer.path("replayed").asInt();
            for (JsonNode skip : answer.path("skipped")) {
                skipped.add(new IdReplay.Skipped(skip.path("id").asLong(),
                        DeliveryState.parse(skip.path("state").asText(null)).orElse(null)));
            }
        }
        return new IdReplay.Outcome(replayed, skipped);
    }

    @Override
    public int replayAll(String handler) {
        return post(handler == null ? Map.of("all", true) : Map.of("handler", handler)).path("replayed").asInt();
    }

    @Override
    public boolean enable(String handler) {
        String path = "v1/handlers/" + java.net.URLEncoder.encode(handler, StandardCharsets.UTF_8) + "/enable";
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody())).path("was_disabled").asBoolean();
    }

    private JsonNode post(Map<String, Object> body) {
        try {
            return send(request("v1/deliveries/replay").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EventJson.mapper().writeValueAsString(body))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a replay request is always JSON", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (apiKey != null) {
            request.header("X-API-Key", apiKey);
        }
        return request;
    }

    /** @throws UsageError when the runtime cannot be reached or answers with an error, saying which */
    private JsonNode send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageError("cannot reach " + base + ": " + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageError("interrupted while waiting for " + base);
        }
        JsonNode body;
        try {
            body = EventJson.mapper().readTree(response.body());
        } catch (JsonProcessingException e) {
            body = null;
        }
        if (response.statusCode() / 100 != 2) {
            String error = body != null && body.hasNonNull("error") ? body.get("error").asText() : "no JSON error";
            throw new UsageError(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                    + error);
        }
        if (body == null || !body.isObject()) {
            throw new UsageError(request.method() + " " + request.uri() + " answered " + response.statusCode()
                    + " without a JSON object: is " + base + " a Switchboard?");
        }
        return body;
    }

    @Override
    public void close() {
        // The JDK's client holds nothing that outlives the command's process.
    }
}
