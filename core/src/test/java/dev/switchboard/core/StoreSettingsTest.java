package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.store.BacklogLimits;
import dev.switchboard.core.store.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code store:} section: what each key means, what wins over what, and each mistake as one line. */
class StoreSettingsTest {

    static final Path OVERRIDE = Path.of("/srv/switchboard/data");
    static final Path INSTALLATION = Path.of("/opt/switchboard/data");

    static RuntimeConfig config(String store) throws ConfigProblem {
        return HandlersConfigLoader.parse("handlers.yaml", "version: 1\n" + store
                + "handlers:\n  - name: audit\n    type: console\n    events: [\"*\"]\n    queue_capacity: 500\n", Map.of());
    }

    static StoreSettings read(String store, Path dataDir, Path defaultDataDir) throws ConfigProblem {
        return StoreSettings.read(config(store), dataDir, defaultDataDir);
    }

    @Test
    void byDefaultTheStoreIsSqliteInTheDataFolderWithFullSyncAndAWeekOfRetention() throws Exception {
        StoreSettings settings = read("", null, INSTALLATION);

        assertThat(settings.durable()).isTrue();
        assertThat(settings.file).isEqualTo(INSTALLATION.resolve("switchboard.db"));
        assertThat(settings.sync).isEqualTo(SqliteStore.Sync.FULL);
        assertThat(settings.retention).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void dataOnTheCommandLineWinsOverStorePathWhichWinsOverTheInstallationsFolder() throws Exception {
        String path = "store: {path: /var/lib/sb/events.db}\n";
        assertThat(read(path, OVERRIDE, INSTALLATION).file).isEqualTo(OVERRIDE.resolve("switchboard.db"));
        assertThat(read(path, null, INSTALLATION).file).isEqualTo(Path.of("/var/lib/sb/events.db"));
        assertThat(read("", null, INSTALLATION).file).isEqualTo(INSTALLATION.resolve("switchboard.db"));
    }

    @Test
    void withNoDataFolderAndNoPathAnEmbeddedRuntimeKeepsItsDeliveriesInMemory() throws Exception {
        StoreSettings settings = read("", null, null);
        assertThat(settings.durable()).isFalse();
        assertThat(settings.describe()).contains("memory");
    }

    @Test
    void theMemoryTypeIsNeverDurableWhateverTheFolders() throws Exception {
        StoreSettings settings = read("store: {type: memory, sync: normal}\n", OVERRIDE, INSTALLATION);
        assertThat(settings.durable()).isFalse();
        assertThat(settings.file).isNull();
    }

    @Test
    void syncNormalAndARetentionAreRead() throws Exception {
        StoreSettings settings = read("store:\n  sync: normal\n  retention: 36h\n", null, INSTALLATION);
        assertThat(settings.sync).isEqualTo(SqliteStore.Sync.NORMAL);
        assertThat(settings.retention).isEqualTo(Duration.ofHours(36));
        assertThat(settings.describe()).isEqualTo("the SQLite store " + INSTALLATION.resolve("switchboard.db")
                + " (sync normal)");
    }

    @Test
    void eachMistakeIsOneLineAtItsPlaceInTheFile() {
        assertThatThrownBy(() -> read("store:\n  type: oracle\n  sync: sometimes\n  retention: soon\n  size: 3\n",
                null, INSTALLATION))
                .isInstanceOf(ConfigProblem.class)
                .satisfies(problem -> assertThat(((ConfigProblem) problem).lines()).containsExactlyInAnyOrder(
                        "handlers.yaml:6:3: store.size: unknown key; allowed: type, path, sync, retention, url, user,"
                                + " password, lease",
                        "handlers.yaml:3:3: store.type: must be sqlite, memory or postgres",
                        "handlers.yaml:4:3: store.sync: must be full (survives a power loss) or normal (survives a"
                                + " crash of the process)",
                        "handlers.yaml:5:3: store.retention: bad duration: write a number and a unit, e.g. 250ms,"
                                + " 10s, 5m"));
    }

    @Test
    void anExplicitSqliteStoreWithNowhereToLiveIsAnError() {
        assertThatThrownBy(() -> read("store: {type: sqlite}\n", null, null))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("handlers.yaml:2:8: store.path: is needed: this runtime has no data folder");
    }

    @Test
    void aStoreThatIsNotAMapIsAnError() {
        assertThatThrownBy(() -> config("store: sqlite\n"))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("handlers.yaml:2:8: store: must be a map, not");
    }

    @Test
    void eachHandlersQueueCapacityIsItsBacklogLimit() throws Exception {
        BacklogLimits limits = StoreSettings.limits(config(""));
        assertThat(limits.limitOf("audit")).isEqualTo(500);
        assertThat(limits.limitOf("unknown")).isEqualTo(BacklogLimits.DEFAULT_LIMIT);
    }

    @Test
    void thePostgresStoreIsReadWithItsPasswordFromTheEnvironmentAndNeverPrintsIt() throws Exception {
        RuntimeConfig config = HandlersConfigLoader.parse("handlers.yaml", "version: 1\nstore:\n  type: postgres\n"
                + "  url: jdbc:postgresql://db.internal:5432/switchboard?sslmode=require&password=in-the-url\n"
                + "  user: switchboard\n  password: ${PGPASSWORD}\n  lease: 10s\n"
                + "handlers:\n  - name: audit\n    type: console\n    events: [\"*\"]\n",
                Map.of("PGPASSWORD", "s3cr3t-pg"));

        StoreSettings settings = StoreSettings.read(config, OVERRIDE, INSTALLATION);

        assertThat(settings.type).isEqualTo(StoreSettings.Type.POSTGRES);
        assertThat(settings.durable()).isTrue();
        assertThat(settings.file).as("--data does not move a shared store").isNull();
        assertThat(settings.postgres.url).startsWith("jdbc:postgresql://db.internal:5432/switchboard?");
        assertThat(settings.postgres.user).isEqualTo("switchboard");
        assertThat(settings.postgres.lease).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.describe()).isEqualTo("the PostgreSQL store jdbc:postgresql://db.internal:5432/switchboard"
                + " (user switchboard)");
        assertThat(settings.describe() + settings.postgres + settings).doesNotContain("s3cr3t-pg", "in-the-url");
        assertThat(StoreLocation.sqliteFile(config, OVERRIDE, INSTALLATION)).isEmpty();
    }

    @Test
    void aPostgresStoreNeedsAJdbcUrlAndTakesNoSqliteKeys() {
        assertThatThrownBy(() -> read("store:\n  type: postgres\n  sync: normal\n  lease: 10ms\n", null, INSTALLATION))
                .isInstanceOf(ConfigProblem.class)
                .satisfies(problem -> assertThat(((ConfigProblem) problem).lines()).containsExactlyInAnyOrder(
                        "handlers.yaml:3:3: store.url: is needed for type postgres, e.g."
                                + " jdbc:postgresql://db.internal:5432/switchboard",
                        "handlers.yaml:4:3: store.sync: applies to the sqlite store only, not to postgres",
                        "handlers.yaml:5:3: store.lease: must be at least 1s (it is renewed every third of it)"));
        assertThatThrownBy(() -> read("store: {type: postgres, url: \"postgres://db/x\"}\n", null, INSTALLATION))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("store.url: must be a PostgreSQL JDBC URL: jdbc:postgresql://HOST[:PORT]/DATABASE");
        assertThatThrownBy(() -> read("store: {type: sqlite, url: \"jdbc:postgresql://db/x\"}\n", null, INSTALLATION))
                .isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("store.url: applies to the postgres store only");
    }
}
