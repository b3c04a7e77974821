package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.store.EmbeddedPostgresServer;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Two runtimes serving the API on one PostgreSQL store: events posted to either are delivered
 * once, both answer the same sessions and deliveries, and while the database is lost ingest answers
 * 503 and {@code /readyz} fails, until it is back. The database password appears in no log line.
 */
class SharedStoreServingTest {

    static final String PASSWORD = "pg-password-0815";
    static final Duration PATIENCE = Duration.ofSeconds(15);

    static EmbeddedPostgresServer database;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    static String config(ScriptedReceiver receiver, String url) {
        return "version: 1\nserver:\n  timeouts: {drain: 0s, shutdown: 10s}\nstore:\n  type: postgres\n  url: " + url
                + "\n  user: postgres\n  password: ${PGPASSWORD}\nhandlers:\n  - name: audit\n    type: posting\n"
                + "    events: [\"*\"]\n    retry: {attempts: 2, backoff: 1s}\n    config:\n      url: " + receiver.url()
                + "\n";
    }

    static String event(int seq) {
        return "{\"event_type\": \"step_complete\", \"session_id\": \"s-" + (seq % 2) + "\", \"data\": {\"seq\": "
                + seq + "}}";
    }

    @Test
    void twoRuntimesShareTheStoreAndALostDatabaseAnswers503UntilItIsBack() throws Exception {
        String url = database.newDatabase();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(log);
        try (ScriptedReceiver receiver = new ScriptedReceiver();
             TestService first = TestService.start(config(receiver, url), Map.of("PGPASSWORD", PASSWORD));
             TestService second = TestService.start(config(receiver, url), Map.of("PGPASSWORD", PASSWORD))) {
            List<String> accepted = new ArrayList<>();
            for (int seq = 0; seq < 10; seq++) {
                accepted.add(accept(seq % 2 == 0 ? first : second, seq));
            }
            List<String> delivered = receiver.await(10, PATIENCE).stream().map(ScriptedReceiver.Arrival::webhookId)
                    .toList();
            assertThat(delivered).containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(first.server.switchboard().awaitIdle(PATIENCE)).isTrue();
            assertThat(second.server.switchboard().awaitIdle(PATIENCE)).isTrue();
            ServiceClient.await("both runtimes' outcomes are stored", () -> count(first, "delivered") == 10);
            for (String path : List.of("/v1/sessions", "/v1/sessions/s-1", "/v1/deliveries?state=delivered&limit=100")) {
                assertThat(second.get(path).body()).as(path).isEqualTo(first.get(path).body());
            }
            assertThat(ServiceClient.json(first.get("/v1/sessions/s-1")).get("event_count").asInt()).isEqualTo(5);

            database.disconnect(url);

            HttpResponse<String> refused = first.postJson("/v1/events", event(99));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(ServiceClient.json(refused).get("error").asText())
                    .startsWith("the delivery store cannot write (" + url + ": ");
            HttpResponse<String> readiness = second.get("/readyz");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(ServiceClient.json(readiness).get("status").asText()).isEqualTo("store_unavailable");

            database.reconnect(url);

            assertReadyAgain(first);
            assertReadyAgain(second);
            String after = accept(second, 100);
            receiver.await(11, PATIENCE);
            assertThat(receiver.arrivals()).extracting(ScriptedReceiver.Arrival::webhookId).contains(after)
                    .doesNotHaveDuplicates();
        } finally {
            root.detachAppender(log);
        }
        assertThat(log.list).isNotEmpty().allSatisfy(line -> assertThat(text(line)).doesNotContain(PASSWORD));
    }

    private static String text(ILoggingEvent line) {
        StringBuilder text = new StringBuilder(line.getFormattedMessage());
        for (IThrowableProxy cause = line.getThrowableProxy(); cause != null; cause = cause.getCause()) {
            text.append(' ').append(cause.getMessage());
        }
        return text.toString();
    }

    private static int count(TestService service, String state) {
        try {
            return ServiceClient.json(service.get("/v1/deliveries?state=" + state + "&limit=100")).get("items").size();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String accept(TestService service, int seq) throws Exception {
        HttpResponse<String> answer = service.postJson("/v1/events", event(seq));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode body = ServiceClient.json(answer);
        return body.get("ids").get(0).asText();
    }

    private static void assertReadyAgain(ServiceClient service) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HttpResponse<String> readiness = service.get("/readyz");
        while (readiness.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            readiness = service.get("/readyz");
        }
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    }
}
