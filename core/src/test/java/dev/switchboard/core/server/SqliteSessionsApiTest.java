package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.store.SqliteStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link SessionsApiTest} on the SQLite store, whose sessions view is read from the store. */
class SqliteSessionsApiTest extends SessionsApiTest {

    @TempDir
    static Path data;

    @Override
    TestService start(String yaml) throws Exception {
        TestService service = TestService.startOn(data, yaml);
        assertThat(service.server.switchboard().store()).isInstanceOf(SqliteStore.class);
        return service;
    }
}
