package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.store.HandlerState;
import dev.switchboard.core.store.SqliteStore;
import dev.switchboard.core.store.StoreWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard handlers enable NAME} against a stopped runtime's data folder (a real SQLite store). */
class HandlersCommandTest {

    @TempDir
    Path temp;

    @Test
    void enableClearsA410DisabledHandlerInAStoppedRuntimesStore() throws Exception {
        Path data = Files.createDirectory(temp.resolve("data"));
        Path config = Files.writeString(temp.resolve("handlers.yaml"), """
                version: 1
                handlers:
                  - {name: audit, type: console, events: ["*"]}
                """);
        HandlerState disabled = new HandlerState(Instant.parse("2026-12-07T14:00:00Z"), "410", "closed", null, null);
        try (SqliteStore store = SqliteStore.at(data.resolve("switchboard.db")).open()) {
            StoreWrites.await(store.handlerStates().save("audit", disabled));
        }

        CommandRun enabled = CommandRun.of("handlers", "enable", "audit", "--data", data.toString(), "--config",
                config.toString());
        CommandRun again = CommandRun.of("handlers", "enable", "audit", "--data", data.toString(), "--config",
                config.toString());

        assertThat(enabled.exitCode()).as(enabled.stderr()).isZero();
        assertThat(enabled.stdout()).contains("handler audit enabled");
        assertThat(again.stdout()).contains("handler audit was not disabled");
        try (SqliteStore store = SqliteStore.at(data.resolve("switchboard.db")).open()) {
            assertThat(store.handlerStates().all().get("audit").disabled()).isFalse();
        }
    }
}
