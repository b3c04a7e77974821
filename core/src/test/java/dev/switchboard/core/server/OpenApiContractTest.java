package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document ({@code openapi.json}, served at {@code /openapi.json}) against the running
 * server: the routes the server answers are exactly the documented operations, and every route is
 * called here with its main statuses, each answer validated against the document by
 * {@link ServiceClient} (as every answer of every server test is).
 */
class OpenApiContractTest {

    private static final String KEY = "contract-key";

    @TempDir
    Path data;

    private ScriptedReceiver receiver;
    private TestService service;

    @BeforeEach
    void start() throws Exception {
        receiver = new ScriptedReceiver();
        receiver.answer(500);
        service = TestService.startOn(data, """
                version: 1
                server: {api_keys: [%2$s]}
                handlers:
                  - name: engine
                    type: posting
                    events: ["*"]
                    retry: {attempts: 1}
                    # Every attempt fails and the test replays a dozen: no breaker, so none waits 30 s.
                    breaker: {failures: 1000000}
                    config: {url: "%1$s"}
                """.formatted(receiver.url(), KEY));
    }

    @AfterEach
    void stop() {
        service.close(Duration.ofMillis(100));
        receiver.close();
    }

    @Test
    void everyRouteTheServerAnswersIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> routes = new TreeSet<>(service.server.routes().table());
        Set<String> documented = OpenApiContract.operations();

        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(routes);
        assertThat(undocumented).as("routes the server answers that openapi.json (core/src/main/resources/dev/"
                + "switchboard/core/server/openapi.json) does not document; add a path item for each").isEmpty();
        assertThat(missing).as("operations openapi.json documents that the server does not answer").isEmpty();
    }

    @Test
    void theDocumentIsOpenApi31WithUniqueOperationIdsAndEveryReferenceResolves() {
        JsonNode document = OpenApiContract.document();
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        List<String> ids = new ArrayList<>();
        document.get("paths").forEach(item -> item.fields().forEachRemaining(operation -> {
            if (!operation.getKey().equals("parameters")) {
                assertThat(operation.getValue().has("operationId")).as(operation.getKey()).isTrue();
                ids.add(operation.getValue().get("operationId").asText());
            }
        }));
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        Set<String> references = new LinkedHashSet<>();
        collectReferences(document, references);
        assertThat(references).isNotEmpty();
        for (String reference : references) {
            assertThat(reference).startsWith("#/");
            assertThat(document.at(reference.substring(1)).isMissingNode()).as(reference + " resolves").isFalse();
        }
    }

    @Test
    void theValidatorRejectsAnswersThatBreakTheSchemas() throws Exception {
        String started = "#/paths/~1v1~1sessions/post/responses/202/content/application~1json/schema";
        assertThat(OpenApiContract.violations(started, TestService.JSON.readTree(
                "{\"session_id\": \"a\", \"status\": \"pending\", \"event_id\": \"e\"}"))).isEmpty();
        assertThat(OpenApiContract.violations(started, TestService.JSON.readTree(
                "{\"session_id\": \"a\", \"status\": \"sleeping\", \"event_id\": \"e\"}"))).isNotEmpty();
        assertThat(OpenApiContract.violations(started, TestService.JSON.readTree("{\"session_id\": 1}"))).isNotEmpty();
        assertThat(OpenApiContract.violations("#/components/schemas/Handler", TestService.JSON.readTree("{}")))
                .anyMatch(violation -> violation.contains("latency_p99_ms"));
        assertThat(OpenApiContract.violations("#/components/schemas/Error", TestService.JSON.readTree("{\"field\": \"x\"}")))
                .anyMatch(violation -> violation.contains("error"));
    }

    private static void collectReferences(JsonNode node, Set<String> into) {
        if (node.has("$ref")) {
            into.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectReferences(child, into));
    }

    @Test
    void theDocumentIsServedWithoutAKeyAsTheFileInTheRepository() throws Exception {
        HttpResponse<String> response = service.get("/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).isEqualTo(new String(OpenApiEndpoint.document(), StandardCharsets.UTF_8));
        assertThat(service.get("/v1/handlers").statusCode()).as("the API itself still needs the key").isEqualTo(401);
    }

    private HttpRequest.Builder keyed(String path) {
        return service.request(path).header("X-API-Key", KEY);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return service.send(keyed(path).GET());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return service.send(keyed(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return service.send(keyed(path).DELETE());
    }

    private static void status(HttpResponse<String> response, int expected) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body())
                .isEqualTo(expected);
    }

    private void awaitDead(long id) throws InterruptedException {
        TestService.await("delivery " + id + " is a dead letter", () -> {
            try {
                return json(get("/v1/deliveries/" + id)).get("state").asText().equals("dead");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void everyRouteAnswersAsDocumentedWithItsMainStatuses() throws Exception {
        status(service.get("/healthz"), 200);
        status(service.get("/readyz"), 200);
        status(service.get("/metrics"), 200);
        status(service.send(service.request("/readyz").method("HEAD", HttpRequest.BodyPublishers.noBody())), 200);
        status(service.get("/v1/sessions"), 401);
        status(service.send(service.request("/v1/sessions").header("X-API-Key", "wrong").GET()), 403);
        status(service.get("/v1/nothing-here"), 404);
        status(service.send(service.request("/healthz").DELETE()), 405);

        HttpResponse<String> accepted = post("/v1/events", """
                [{"event_type": "workflow_start", "session_id": "s-1", "spec_name": "research", "pattern_type": "chain",
                  "data": {"step": 1}},
                 {"event_type": "hitl_pause", "session_id": "s-1", "spec_name": "research"}]""");
        status(accepted, 202);
        String eventId = json(accepted).get("ids").get(0).asText();
        status(post("/v1/events", "{\"event_type\": 3}"), 400);
        status(service.send(keyed("/v1/events").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x"))), 415);

        status(get("/v1/sessions?status=paused&limit=5"), 200);
        status(get("/v1/sessions?status=sleeping"), 400);
        status(get("/v1/sessions/s-1"), 200);
        status(get("/v1/sessions/nobody"), 404);
        status(post("/v1/sessions/s-1/resume", "{}"), 400);
        status(post("/v1/sessions/s-1/resume", "{\"hitl_response\": \"approved\"}"), 202);
        status(post("/v1/sessions/s-1/resume", "{\"hitl_response\": \"approved\"}"), 409);
        status(post("/v1/sessions/nobody/resume", "{\"hitl_response\": \"approved\"}"), 404);
        HttpResponse<String> started = post("/v1/sessions", "{\"spec_name\": \"research\", \"variables\": {\"topic\": \"AI\"}}");
        status(started, 202);
        status(post("/v1/sessions", "{\"variables\": []}"), 400);
        status(get("/v1/sessions/" + json(started).get("session_id").asText()), 200);

        status(get("/v1/handlers"), 200);
        status(get("/v1/plugins"), 200);
        status(post("/v1/preview", "{\"event_type\": \"step_complete\", \"data\": {\"x\": 1}}"), 200);
        status(post("/v1/preview?handler=engine", "{\"event_type\": \"step_complete\"}"), 200);
        status(post("/v1/preview?handler=nobody", "{\"event_type\": \"step_complete\"}"), 404);
        status(post("/v1/preview", "{\"event_type\": 3}"), 400);

        List<JsonNode> dead = new ArrayList<>();
        TestService.await("the first event is a dead letter", () -> {
            try {
                json(get("/v1/deliveries?event_id=" + eventId)).get("items").forEach(dead::add);
                return !dead.isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long id = dead.get(0).get("id").asLong();
        status(get("/v1/deliveries?state=pending"), 200);
        status(get("/v1/deliveries?state=lost"), 400);
        status(get("/v1/deliveries/" + id), 200);
        status(get("/v1/deliveries/abc"), 400);
        status(get("/v1/deliveries/999999"), 404);
        status(post("/v1/deliveries/999999/replay", ""), 404);
        status(post("/v1/deliveries/replay", "{\"handler\": \"engine\", \"all\": true}"), 400);
        status(post("/v1/deliveries/" + id + "/replay", ""), 202);
        awaitDead(id);
        status(post("/v1/deliveries/replay", "{\"ids\": [" + id + ", 999999]}"), 202);
        status(post("/v1/deliveries/replay", "{\"handler\": \"engine\"}"), 202);
        awaitDead(id);
        status(delete("/v1/deliveries/" + id), 204);
        status(delete("/v1/deliveries/" + id), 404);
        status(get("/ui/"), 200);
        status(get("/ui/app.js"), 200);
        status(get("/ui/missing.js"), 404);
        status(delete("/v1/sessions/s-1"), 204);
        status(delete("/v1/sessions/s-1"), 404);

        assertThat(OpenApiContract.SEEN).as("every answer above was checked against the document").contains(
                "POST /v1/sessions 202", "POST /v1/sessions 400", "GET /v1/sessions/{id} 200",
                "POST /v1/deliveries/{id}/replay 202", "DELETE /v1/deliveries/{id} 204", "GET /v1/plugins 200",
                "GET /v1/nothing-here 404", "DELETE /healthz 405", "GET /v1/sessions 401", "GET /v1/sessions 403");
    }
}
