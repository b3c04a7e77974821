package dev.switchboard.core.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The delivery store contract for the PostgreSQL store, on a real server (one per class, a schema per test). */
class PostgresStoreTest extends DeliveryStoreContract {

    static EmbeddedPostgresServer server;
    private String url;

    @BeforeAll
    static void startServer() {
        server = EmbeddedPostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Opens a store on this test's schema, created on the first open; a reopen finds the same one. */
    @Override
    protected DeliveryStore open(ManualClock clock, BacklogLimits limits) {
        if (url == null) {
            url = server.newSchema();
        }
        return PostgresStore.at(url).user("postgres").clock(clock).limits(limits).open();
    }

    @AfterEach
    void forgetDatabase() {
        url = null;
    }
}
