package dev.switchboard.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SQLite store's schema, as the list of migrations that build it: version N is the first N
 * entries. A database is migrated on open, in one transaction per step, and its version kept in
 * {@code schema_version}. Never edit a released step; add one.
 */
final class SqliteSchema {

    static final List<List<String>> MIGRATIONS = List.of(
            // 1: events as accepted, one row per delivery, indexed for "due deliveries of handler H".
            List.of("CREATE TABLE events (id TEXT PRIMARY KEY, body TEXT NOT NULL, accepted_at INTEGER NOT NULL)",
                    "CREATE TABLE deliveries (id INTEGER PRIMARY KEY AUTOINCREMENT,"
                            + " event_id TEXT NOT NULL REFERENCES events (id), handler TEXT NOT NULL,"
                            + " state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'delivered', 'dead')),"
                            + " attempts INTEGER NOT NULL DEFAULT 0, due_at INTEGER NOT NULL, last_status INTEGER,"
                            + " last_reason TEXT, updated_at INTEGER NOT NULL)",
                    "CREATE INDEX deliveries_due ON deliveries (handler, state, due_at, id)"),
            // 2: dead letters newest first and retention by state and age; an event's deliveries;
            // events by age, for pruning those left with no delivery.
            List.of("CREATE INDEX deliveries_by_state_age ON deliveries (state, updated_at, id)",
                    "CREATE INDEX deliveries_by_event ON deliveries (event_id)",
                    "CREATE INDEX events_by_age ON events (accepted_at)"),
            // 3: how far each input file of run --input was accepted.
            List.of("CREATE TABLE inputs (source TEXT PRIMARY KEY, byte_offset INTEGER NOT NULL,"
                    + " line INTEGER NOT NULL, updated_at INTEGER NOT NULL)"),
            // 4: sessions. An event's envelope fields beside its body (filled from the body for events
            // accepted before), its session's events in accept order (an events row's rowid only grows:
            // prune never removes the newest row), and one row per session, upserted with each event of
            // it. A session's first_event is the rowid of the event that created it: its creation order,
            // and where its events start, so that a session deleted and seen again does not show the
            // events of the one before. Sessions start empty: events accepted before are in none.
            List.of("ALTER TABLE events ADD COLUMN session_id TEXT",
                    "ALTER TABLE events ADD COLUMN event_type TEXT",
                    "ALTER TABLE events ADD COLUMN spec_name TEXT",
                    "ALTER TABLE events ADD COLUMN pattern_type TEXT",
                    "UPDATE events SET session_id = json_extract(body, '$.session_id'),"
                            + " event_type = json_extract(body, '$.event_type'),"
                            + " spec_name = json_extract(body, '$.spec_name'),"
                            + " pattern_type = json_extract(body, '$.pattern_type')",
                    "CREATE INDEX events_by_session ON events (session_id) WHERE session_id IS NOT NULL",
                    "CREATE TABLE sessions (id TEXT PRIMARY KEY, first_event INTEGER NOT NULL, spec_name TEXT,"
                            + " pattern_type TEXT, status TEXT NOT NULL"
                            + " CHECK (status IN ('running', 'paused', 'completed', 'failed')),"
                            + " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, event_count INTEGER NOT NULL)",
                    "CREATE INDEX sessions_by_update ON sessions (updated_at, first_event)"),
            // 5: a session can be pending (started through the API, the engine not heard from yet).
            // SQLite cannot change a CHECK constraint in place: the table is copied into a new one.
            List.of("CREATE TABLE sessions_v5 (id TEXT PRIMARY KEY, first_event INTEGER NOT NULL, spec_name TEXT,"
                            + " pattern_type TEXT, status TEXT NOT NULL"
                            + " CHECK (status IN ('pending', 'running', 'paused', 'completed', 'failed')),"
                            + " created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, event_count INTEGER NOT NULL)",
                    "INSERT INTO sessions_v5 (id, first_event, spec_name, pattern_type, status, created_at, updated_at,"
                            + " event_count) SELECT id, first_event, spec_name, pattern_type, status, created_at,"
                            + " updated_at, event_count FROM sessions",
                    "DROP TABLE sessions",
                    "ALTER TABLE sessions_v5 RENAME TO sessions",
                    "CREATE INDEX sessions_by_update ON sessions (updated_at, first_event)"),
            // 6: each handler's delivery policy state (disabled by a 410, its circuit breaker, a receiver's
            // pause), so that it survives a restart.
            List.of("CREATE TABLE handler_states (handler TEXT PRIMARY KEY, disabled_at INTEGER, disabled_reason TEXT,"
                    + " breaker TEXT NOT NULL CHECK (breaker IN ('closed', 'open', 'half_open')),"
                    + " breaker_since INTEGER, paused_until INTEGER)"),
            // 7: indexes that only the rows each query looks for are in, so that accepting a delivery and
            // settling it update fewer of them: due deliveries are pending ones (a lease is not written
            // since), dead letters and delivered deliveries by age each have their own.
            List.of("DROP INDEX deliveries_due",
                    "CREATE INDEX deliveries_due ON deliveries (handler, due_at, id) WHERE state = 'pending'",
                    "DROP INDEX deliveries_by_state_age",
                    "CREATE INDEX deliveries_dead ON deliveries (updated_at, id) WHERE state = 'dead'",
                    "CREATE INDEX deliveries_delivered ON deliveries (updated_at, id) WHERE state = 'delivered'"));

    private SqliteSchema() {
    }

    static int latest() {
        return MIGRATIONS.size();
    }

    /** Migrates the database up to {@code target}; the connection must not be in auto-commit mode. */
    static void migrate(Connection connection, Path file, int target) throws SQLException {
        int version = version(connection);
        if (version > latest()) {
            throw new StoreException(file + ": the database has schema version " + version
                    + ", written by a newer Switchboard (this one knows up to " + latest() + "); it was left untouched");
        }
        try (Statement statement = connection.createStatement()) {
            for (int step = version; step < target; step++) {
                for (String sql : MIGRATIONS.get(step)) {
                    statement.executeUpdate(sql);
                }
                statement.executeUpdate("DELETE FROM schema_version");
                statement.executeUpdate("INSERT INTO schema_version (version) VALUES (" + (step + 1) + ")");
                connection.commit();
            }
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            try (ResultSet row = statement.executeQuery("SELECT max(version) FROM schema_version")) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }
}
