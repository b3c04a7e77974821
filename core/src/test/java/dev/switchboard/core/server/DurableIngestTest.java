package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.store.BacklogLimits;
import dev.switchboard.core.store.SqliteStore;
import dev.switchboard.core.testing.ScriptedReceiver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/events} on the SQLite store: a 202 means every event of the body is committed, so
 * the store, opened after the server is gone, holds each acknowledged id with its deliveries.
 */
class DurableIngestTest {

    @TempDir
    Path dir;

    @Test
    void everyEventAnsweredWith202IsInTheStoreOnceTheServerIsGone() throws Exception {
        List<String> acknowledged = new ArrayList<>();
        try (ScriptedReceiver receiver = new ScriptedReceiver()) {
            receiver.answer(503);
            String yaml = "version: 1\nhandlers:\n  - name: audit\n    type: posting\n    events: [\"*\"]\n"
                    + "    retry: {attempts: 5, backoff: 1h}\n    config:\n      url: " + receiver.url() + "\n"
                    + "  - name: alerts\n    type: posting\n    events: [error]\n    config:\n      url: "
                    + receiver.url() + "\n";
            try (TestService service = TestService.startOn(dir, yaml)) {
                StringBuilder ndjson = new StringBuilder();
                for (int seq = 0; seq < 100; seq++) {
                    ndjson.append("{\"event_type\":\"").append(seq % 10 == 0 ? "error" : "step_complete")
                            .append("\",\"session_id\":\"s-1\",\"data\":{\"seq\":").append(seq).append("}}\n");
                }
                HttpResponse<String> batch = service.post("/v1/events", EventsEndpoint.NDJSON, ndjson.toString());
                assertThat(batch.statusCode()).as(batch.body()).isEqualTo(202);
                TestService.json(batch).get("ids").forEach(id -> acknowledged.add(id.asText()));
                for (int single = 0; single < 5; single++) {
                    HttpResponse<String> one = service.postJson("/v1/events",
                            "{\"event_type\":\"step_complete\",\"data\":{\"seq\":" + (100 + single) + "}}");
                    assertThat(one.statusCode()).isEqualTo(202);
                    JsonNode ids = TestService.json(one).get("ids");
                    acknowledged.add(ids.get(0).asText());
                }
                service.server.close(Duration.ZERO);
            }
        }
        assertThat(acknowledged).hasSize(105).doesNotHaveDuplicates();

        try (SqliteStore store = SqliteStore.at(dir.resolve("switchboard.db")).limits(BacklogLimits.of(1_000)).open()) {
            assertThat(store.backlogs()).containsEntry("audit", 105L).containsEntry("alerts", 10L);
        }
        Set<String> stored = new HashSet<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("switchboard.db"));
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT event_id FROM deliveries WHERE handler = 'audit'")) {
            while (rows.next()) {
                stored.add(rows.getString(1));
            }
        }
        assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
    }
}
