package dev.switchboard.core.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL store's schema, as the list of migrations that build it: version N is the first N
 * entries, kept in {@code schema_version} as SQLite's is ({@link SqliteSchema}). Several runtimes may
 * start at once: each migrates under one transaction-scoped advisory lock, so one of them does the
 * work and the others find it done. Never edit a released step; add one.
 */
final class PostgresSchema {

    /** The advisory lock the migrations hold: any fixed number, the same for every runtime. */
    private static final long MIGRATION_LOCK = 0x5357_4254_4348L;

    static final List<List<String>> MIGRATIONS = List.of(
            // 1: the tables of SQLite's four steps at once. Times are epoch milliseconds on the runtimes'
            // clock (as SQLite keeps them). A delivery in flight carries its lease: which runtime holds it
            // and until when; an expired lease may be claimed by another runtime. seq orders a session's
            // events as SQLite's rowid does.
            List.of("CREATE TABLE events (id TEXT PRIMARY KEY, seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,"
                            + " body TEXT NOT NULL, accepted_at BIGINT NOT NULL, session_id TEXT, event_type TEXT,"
                            + " spec_name TEXT, pattern_type TEXT)",
                    "CREATE TABLE deliveries (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                            + " event_id TEXT NOT NULL REFERENCES events (id), handler TEXT NOT NULL,"
                            + " state TEXT NOT NULL CHECK (state IN ('pending', 'in_flight', 'delivered', 'dead')),"
                            + " attempts INTEGER NOT NULL DEFAULT 0, due_at BIGINT NOT NULL, last_status INTEGER,"
                            + " last_reason TEXT, updated_at BIGINT NOT NULL, lease_owner TEXT, lease_until BIGINT)",
                    "CREATE INDEX deliveries_due ON deliveries (handler, due_at, id) WHERE state = 'pending'",
                    "CREATE INDEX deliveries_leased ON deliveries (handler, lease_until) WHERE state = 'in_flight'",
                    "CREATE INDEX deliveries_by_owner ON deliveries (lease_owner) WHERE state = 'in_flight'",
                    "CREATE INDEX deliveries_by_state_age ON deliveries (state, updated_at, id)",
                    "CREATE INDEX deliveries_by_event ON deliveries (event_id)",
                    "CREATE INDEX events_by_age ON events (accepted_at)",
                    "CREATE INDEX events_by_session ON events (session_id, seq) WHERE session_id IS NOT NULL",
                    "CREATE TABLE inputs (source TEXT PRIMARY KEY, byte_offset BIGINT NOT NULL, line BIGINT NOT NULL,"
                            + " updated_at BIGINT NOT NULL)",
                    "CREATE TABLE sessions (id TEXT PRIMARY KEY, first_event BIGINT NOT NULL, spec_name TEXT,"
                            + " pattern_type TEXT, status TEXT NOT NULL"
                            + " CHECK (status IN ('running', 'paused', 'completed', 'failed')),"
                            + " created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, event_count BIGINT NOT NULL)",
                    "CREATE INDEX sessions_by_update ON sessions (updated_at, first_event)"),
            // 2: as SQLite's steps 5 and 6: a session can be pending (started through the API); each
            // handler's delivery policy state (disabled by a 410, its breaker, a receiver's pause).
            List.of("ALTER TABLE sessions DROP CONSTRAINT sessions_status_check",
                    "ALTER TABLE sessions ADD CONSTRAINT sessions_status_check"
                            + " CHECK (status IN ('pending', 'running', 'paused', 'completed', 'failed'))",
                    "CREATE TABLE handler_states (handler TEXT PRIMARY KEY, disabled_at BIGINT, disabled_reason TEXT,"
                            + " breaker TEXT NOT NULL CHECK (breaker IN ('closed', 'open', 'half_open')),"
                            + " breaker_since BIGINT, paused_until BIGINT)"));

    private PostgresSchema() {
    }

    static int latest() {
        return MIGRATIONS.size();
    }

    /** Migrates the database up to the latest version; the connection must not be in auto-commit mode. */
    static void migrate(Connection connection, String database) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            int version;
            try (ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
                version = row.next() ? row.getInt(1) : 0;
            }
            if (version > latest()) {
                connection.rollback();
                throw new StoreException(database + ": the database has schema version " + version
                        + ", written by a newer Switchboard (this one knows up to " + latest() + "); it was left untouched");
            }
            for (int step = version; step < latest(); step++) {
                for (String sql : MIGRATIONS.get(step)) {
                    statement.executeUpdate(sql);
                }
                statement.executeUpdate("DELETE FROM schema_version");
                statement.executeUpdate("INSERT INTO schema_version (version) VALUES (" + (step + 1) + ")");
            }
            connection.commit();
        }
    }

    static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
