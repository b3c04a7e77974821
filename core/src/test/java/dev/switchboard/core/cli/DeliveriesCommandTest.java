package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.store.DeliveryRecord;
import dev.switchboard.core.store.DeliveryState;
import dev.switchboard.core.store.Settlement;
import dev.switchboard.core.store.SqliteStore;
import dev.switchboard.core.store.StoredDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deliveries} and {@code replay} against a stopped runtime's data folder: a real SQLite store
 * made here, with dead letters made by leasing and dead-lettering through its queues.
 */
class DeliveriesCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    Path data;
    Path config;
    StoredDelivery deadAudit;
    StoredDelivery deadSlack;
    StoredDelivery pending;

    @BeforeEach
    void makeAStoppedRuntimesFolder() throws Exception {
        data = Files.createDirectory(temp.resolve("data"));
        config = Files.writeString(temp.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - {name: audit, type: console, events: ["*"], redact: {keys: [token]}}
                  - {name: slack, type: console, events: ["*"]}
                """);
        try (SqliteStore store = store()) {
            deadAudit = dead(store, "audit", event("e-1"), "HTTP 500 Internal Server Error", 500);
            deadSlack = dead(store, "slack", event("e-2"), "timed out after 10s", null);
            store.accept(event("e-3"), List.of("audit"));
            pending = store.deliveries().list(DeliveryState.PENDING, "audit", "e-3", 0, 1).get(0).delivery();
        }
    }

    private SqliteStore store() {
        return SqliteStore.at(data.resolve("switchboard.db")).sync(SqliteStore.Sync.NORMAL).open();
    }

    private static WorkflowEvent event(String id) {
        return WorkflowEvent.builder("step_complete").id(id).timestamp("2025-11-12T10:30:45.123456")
                .sessionId("s-1").specName("research").patternType("chain")
                .data(Map.of("seq", 7, "token", "tok-SECRET", "password", "pw-SECRET", "note", "kept")).build();
    }

    private static StoredDelivery dead(SqliteStore store, String handler, WorkflowEvent event, String reason,
            Integer status) throws Exception {
        store.accept(event, List.of(handler));
        StoredDelivery delivery = store.queue(handler).poll(Duration.ofSeconds(5));
        store.queue(handler).settle(delivery, Settlement.dead(reason).withStatus(status)).get(5, TimeUnit.SECONDS);
        return delivery;
    }

    private CommandRun run(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data";
        all[args.length + 1] = data.toString();
        all[args.length + 2] = "--config";
        all[args.length + 3] = config.toString();
        return CommandRun.of(all);
    }

    @Test
    void deadLettersAreListedNewestFirstAsATable() {
        CommandRun run = run("deliveries");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("ID").contains("STATE", "HANDLER", "ATTEMPTS", "STATUS", "UPDATED",
                "EVENT_ID", "EVENT_TYPE", "REASON");
        assertThat(lines.get(1).split(" +")).startsWith(String.valueOf(deadSlack.id()), "dead", "slack", "1", "-");
        assertThat(lines.get(1)).contains("e-2", "step_complete").endsWith("timed out after 10s");
        assertThat(lines.get(2).split(" +")).startsWith(String.valueOf(deadAudit.id()), "dead", "audit", "1", "500");
        assertThat(lines.get(2)).endsWith("HTTP 500 Internal Server Error");
        assertThat(run.stdout()).doesNotContain("SECRET");
    }

    @Test
    void jsonLinesCarryTheEventRedactedAsTheApiShowsIt() throws Exception {
        CommandRun run = run("deliveries", "--handler", "audit", "--json");

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode item = JSON.readTree(lines.get(0));
        assertThat(item.get("id").asLong()).isEqualTo(deadAudit.id());
        assertThat(item.get("event_id").asText()).isEqualTo("e-1");
        assertThat(item.get("state").asText()).isEqualTo("dead");
        assertThat(item.get("last_status").asInt()).isEqualTo(500);
        assertThat(item.get("dead_at").asText()).isEqualTo(item.get("updated_at").asText());
        assertThat(item.get("next_attempt_at").isNull()).isTrue();
        JsonNode eventData = item.get("event").get("data");
        assertThat(eventData.has("token")).as("a handler's redact key").isFalse();
        assertThat(eventData.has("password")).as("a built-in redact key").isFalse();
        assertThat(eventData.get("note").asText()).isEqualTo("kept");
        assertThat(run.stdout()).doesNotContain("SECRET");
    }

    @Test
    void otherStatesAndEventsAreListedOnRequest() {
        CommandRun pendingRun = run("deliveries", "--state", "pending");
        assertThat(pendingRun.exitCode()).as(pendingRun.stderr()).isZero();
        assertThat(pendingRun.stdout().lines().skip(1).toList()).singleElement()
                .satisfies(line -> assertThat(line.split(" +")).startsWith(String.valueOf(pending.id()), "pending", "audit"));

        CommandRun byEvent = run("deliveries", "--event-id", "e-2", "--json");
        assertThat(byEvent.stdout().lines().toList()).singleElement().asString().contains("\"event_id\":\"e-2\"");

        CommandRun none = run("deliveries", "--state", "delivered");
        assertThat(none.exitCode()).isZero();
        assertThat(none.stdout().strip()).isEqualTo("no delivered deliveries");
    }

    @Test
    void replayingIdsResetsTheDeadOnesAndNamesTheOthersWithExitOne() throws Exception {
        CommandRun run = run("replay", String.valueOf(deadAudit.id()), "999999", String.valueOf(pending.id()));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout().strip()).isEqualTo("replayed 1 of 3");
        assertThat(run.stderr().lines().toList()).containsExactly(
                "switchboard replay: 999999: no such delivery",
                "switchboard replay: " + pending.id() + ": not a dead letter (pending)");
        try (SqliteStore store = store()) {
            DeliveryRecord replayed = store.deliveries().get(deadAudit.id()).orElseThrow();
            assertThat(replayed.state()).isEqualTo(DeliveryState.PENDING);
            assertThat(replayed.delivery().attempts()).isZero();
            assertThat(replayed.delivery().eventId()).isEqualTo("e-1");
            assertThat(store.deliveries().get(deadSlack.id()).orElseThrow().state()).isEqualTo(DeliveryState.DEAD);
        }
    }

    @Test
    void replayingEveryDeadLetterOfAHandlerOrOfAllExitsZero() throws Exception {
        CommandRun slack = run("replay", "--all-dead", "--handler", "slack");
        assertThat(slack.exitCode()).as(slack.stderr()).isZero();
        assertThat(slack.stdout().strip()).isEqualTo("replayed 1 dead letter of slack");

        CommandRun all = run("replay", "--all-dead");
        assertThat(all.exitCode()).isZero();
        assertThat(all.stdout().strip()).isEqualTo("replayed 1 dead letter");
        try (SqliteStore store = store()) {
            assertThat(store.deliveries().list(DeliveryState.DEAD, null, null, 0, 10)).isEmpty();
            assertThat(store.deliveries().list(DeliveryState.PENDING, null, null, 0, 10)).extracting(DeliveryRecord::id)
                    .containsExactlyInAnyOrder(deadAudit.id(), deadSlack.id(), pending.id());
        }
    }

    @Test
    void aRunningRuntimesFolderIsOneLineSuggestingTheApi() {
        try (SqliteStore running = store()) {
            CommandRun run = run("deliveries");

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.stderr().lines().toList()).singleElement().asString()
                    .startsWith("switchboard deliveries: " + data + " is in use by a running Switchboard")
                    .contains("--url http://");
            assertThat(running.deliveries().list(DeliveryState.DEAD, null, null, 0, 10)).hasSize(2);
        }
    }

    @Test
    void aFolderWithoutAStoreIsOneLineAndNothingIsCreatedThere() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));

        CommandRun run = CommandRun.of("deliveries", "--data", empty.toString(), "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines().toList()).singleElement().asString()
                .contains(empty.resolve("switchboard.db").toString(), "no delivery store here", "--data", "--url");
        try (var files = Files.list(empty)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void mistakesAreOneLineAndExitTwo() {
        assertUsage(run("deliveries", "--state", "failed"), "switchboard deliveries: --state failed: must be one of pending, in_flight, delivered, dead");
        assertUsage(run("deliveries", "--limit", "0"), "switchboard deliveries: --limit 0: must be from 1 to 1000");
        assertUsage(run("replay"), "switchboard replay: say what to replay: delivery ids, or --all-dead [--handler NAME]");
        assertUsage(run("replay", "1", "--all-dead"), "switchboard replay: give delivery ids or --all-dead, not both");
        assertUsage(run("replay", "1", "--handler", "audit"), "switchboard replay: --handler goes with --all-dead");
        assertUsage(run("replay", "0"), "switchboard replay: delivery ids are whole numbers from 1");
        assertUsage(CommandRun.of("deliveries", "--url", "http://127.0.0.1:8080/", "--data", data.toString()),
                "switchboard deliveries: --url reaches a running runtime; --data and --config are for a stopped one's"
                        + " folder: give one or the other");
        assertUsage(CommandRun.of("deliveries", "--url", "ftp://host/"),
                "switchboard deliveries: --url ftp://host/: not an http(s) address such as http://127.0.0.1:8080/");
        assertUsage(CommandRun.of("deliveries", "--data", temp.resolve("missing").toString(), "--config", config.toString()),
                "switchboard deliveries: --data " + temp.resolve("missing") + ": no such folder");
    }

    @Test
    void anUnreachableRuntimeIsOneLineNamingIt() {
        CommandRun run = CommandRun.of("deliveries", "--url", "http://127.0.0.1:1/");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines().toList()).singleElement().asString()
                .startsWith("switchboard deliveries: cannot reach http://127.0.0.1:1/");
    }

    @Test
    void aBrokenConfigurationIsReportedAsRunReportsIt() throws Exception {
        Files.writeString(config, "version: 1\nhandlers:\n  - {name: audit, type: console, events: [\"*\"], colour: red}\n");

        CommandRun run = run("deliveries");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr()).startsWith(config + ":3:");
    }

    private static void assertUsage(CommandRun run, String line) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderr().lines().toList()).containsExactly(line);
    }
}
