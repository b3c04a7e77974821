package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/preview} against a running server: nothing reaches the receiver. */
class PreviewApiTest {

    private static final String EVENT = """
            {"event_type": "error", "spec_name": "research", "data": {"error": "boom", "password": "hunter22"}}""";

    private static String config(ScriptedReceiver receiver) {
        return """
                version: 1
                server:
                  api_keys: ["${API_KEY}"]
                handlers:
                  - name: audit
                    type: posting
                    events: ["*"]
                    config: {url: "%s/hook", headers: {Authorization: "Bearer ${TOKEN}"}}
                  - name: steps
                    type: posting
                    events: [step_complete]
                    config: {url: "%1$s/steps"}
                """.formatted(receiver.url());
    }

    @Test
    void answersWhatEachHandlerWouldSendWithSecretsMaskedAndSendsNothing() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver();
             TestService service = TestService.start(config(receiver),
                     Map.of("API_KEY", "key-0123456789", "TOKEN", "tok-secret-42"))) {
            HttpResponse<String> response = service.send(service.request("/v1/preview")
                    .header("Authorization", "Bearer key-0123456789")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(EVENT)));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).doesNotContain("tok-secret-42").doesNotContain("hunter22");
            JsonNode handlers = ServiceClient.json(response).get("handlers");
            assertThat(handlers.get(0).get("handler").asText()).isEqualTo("audit");
            assertThat(handlers.get(0).get("outcome").asText()).isEqualTo("would_send");
            JsonNode request = handlers.get(0).get("requests").get(0);
            assertThat(request.get("method").asText()).isEqualTo("POST");
            assertThat(request.get("headers").toString()).contains("{\"name\":\"Authorization\",\"value\":\"***\"}");
            assertThat(ServiceClient.JSON.readTree(request.get("body").asText()).get("data"))
                    .isEqualTo(ServiceClient.JSON.readTree("{\"error\": \"boom\"}"));
            assertThat(handlers.get(1).get("matched").asBoolean()).isFalse();
            assertThat(handlers.get(1).get("reason").asText())
                    .isEqualTo("event type 'error' is not in events [step_complete]");
            assertThat(receiver.arrivals()).isEmpty();
        }
    }

    @Test
    void oneHandlerAnUnknownOneABadEventAndNoKey() throws Exception {
        try (ScriptedReceiver receiver = new ScriptedReceiver();
             TestService service = TestService.start(config(receiver),
                     Map.of("API_KEY", "key-0123456789", "TOKEN", "tok-secret-42"))) {
            HttpResponse<String> one = service.send(service.request("/v1/preview?handler=steps")
                    .header("Authorization", "Bearer key-0123456789")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(EVENT)));
            assertThat(ServiceClient.json(one).get("handlers")).hasSize(1);

            HttpResponse<String> unknown = service.send(service.request("/v1/preview?handler=nope")
                    .header("Authorization", "Bearer key-0123456789")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(EVENT)));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no handler named 'nope'");

            HttpResponse<String> bad = service.send(service.request("/v1/preview")
                    .header("Authorization", "Bearer key-0123456789")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"data\": 1}")));
            assertThat(bad.statusCode()).isEqualTo(400);

            assertThat(service.postJson("/v1/preview", EVENT).statusCode()).isEqualTo(401);
            assertThat(receiver.arrivals()).isEmpty();
        }
    }
}
