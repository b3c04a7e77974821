package dev.switchboard.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.switchboard.api.WorkflowEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer with the write-ahead log synced beside it ({@code sync: full} with group commit): on a
 * real database file, with the sync scripted to block or fail.
 */
class SqliteWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    @TempDir
    Path dir;

    private Path file;
    private final WalSync walSync = mock(WalSync.class);
    private SqliteWriter writer;
    /** Counted down when the first sync begins. */
    private final CountDownLatch syncing = new CountDownLatch(1);
    /** Lets the first sync return. */
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger syncs = new AtomicInteger();

    @BeforeEach
    void nameTheFile() {
        file = dir.resolve("switchboard.db");
    }

    /** @param syncWait how long the writer holds a transaction open for a sync under way */
    private void open(Duration syncWait) throws SQLException {
        Connection connection = SqliteFiles.connect(file, SqliteStore.Sync.NORMAL);
        SqliteSchema.migrate(connection, file, SqliteSchema.latest());
        writer = new SqliteWriter(file, connection, walSync, 1_024, syncWait);
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void writesArrivingWhileTheLogIsSyncedShareOneTransactionCommittedAndSyncedOnceThatSyncIsDone() throws Exception {
        open(Duration.ofSeconds(30));
        CompletableFuture<Void> first = commitFirstAndHoldItsSync();

        CountDownLatch applied = new CountDownLatch(2);
        CompletableFuture<Void> second = writer.submit(insert("second", null, applied));
        CompletableFuture<Void> third = writer.submit(insert("third", null, applied));
        assertThat(applied.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(committedEvents()).as("the later writes wait in an open transaction").isEqualTo(1);
        assertThat(first).as("committed, but its sync has not returned").isNotDone();
        long released = System.nanoTime();
        release.countDown();
        CompletableFuture.allOf(first, second, third).get(10, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - released)).as("committed once told the sync is done,"
                + " not after the 30 s bound").isLessThan(Duration.ofSeconds(10));
        assertThat(committedEvents()).isEqualTo(3);
        assertThat(syncs).as("one sync for the first commit, one for the transaction of both later writes").hasValue(2);
    }

    @Test
    void aTransactionHeldForASyncCommitsWithinItsBoundEvenIfTheSyncTakesLonger() throws Exception {
        open(Duration.ofMillis(50));
        CompletableFuture<Void> first = commitFirstAndHoldItsSync();

        CompletableFuture<Void> second = writer.submit(insert("second", null, null));
        awaitEvents(2);

        assertThat(first).isNotDone();
        assertThat(second).as("committed, not yet synced").isNotDone();
        release.countDown();
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);
    }

    /**
     * Submits the write of event "first" and returns once its commit's sync has begun; that sync
     * returns when {@link #release} is counted down.
     */
    private CompletableFuture<Void> commitFirstAndHoldItsSync() throws Exception {
        doAnswer(call -> {
            if (syncs.incrementAndGet() == 1) {
                syncing.countDown();
                release.await(20, TimeUnit.SECONDS);
            }
            return null;
        }).when(walSync).sync();
        CompletableFuture<Void> first = writer.submit(insert("first", null, null));
        assertThat(syncing.await(10, TimeUnit.SECONDS)).isTrue();
        return first;
    }

    @Test
    void aFailedSyncFailsTheWritesItCoveredAndTheNextSyncCoversTheNextWrites() throws Exception {
        open(SqliteWriter.SYNC_WAIT);
        doThrow(new IOException("Input/output error")).doNothing().when(walSync).sync();
        AtomicBoolean committed = new AtomicBoolean();

        CompletableFuture<Void> unsynced = writer.submit(insert("unsynced", () -> committed.set(true), null));

        assertThatThrownBy(() -> unsynced.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(StoreException.class)
                .cause().hasMessage(file + ": cannot sync the write-ahead log to disk (java.io.IOException: Input/output"
                        + " error); what was committed since the last sync may not survive a power loss");
        assertThat(committed).as("what is kept in memory follows what the database holds").isTrue();
        writer.submit(insert("next", null, null)).get(10, TimeUnit.SECONDS);
        verify(walSync, times(2)).sync();
    }

    @Test
    void aCommitThatFailedIsNeitherSyncedNorAcknowledged() throws Exception {
        open(SqliteWriter.SYNC_WAIT);
        doNothing().when(walSync).sync();
        CompletableFuture<Void> failing = writer.submit(statements -> {
            throw new SQLException("constraint failed", "23000", 19);
        });

        assertThatThrownBy(failing::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StoreException.class);
        verify(walSync, times(0)).sync();
    }

    /** @param applied counted down once the write is applied (in a transaction perhaps not committed), or null */
    private static SqliteWriter.Write insert(String id, Runnable onCommit, CountDownLatch applied) {
        WorkflowEvent event = WorkflowEvent.builder("step_complete").id(id).build();
        return new SqliteWriter.Write() {
            @Override
            public void apply(SqliteStatements statements) throws SQLException {
                statements.insertEvent(event, "{\"id\":\"" + id + "\"}", NOW);
                if (applied != null) {
                    applied.countDown();
                }
            }

            @Override
            public void committed() {
                if (onCommit != null) {
                    onCommit.run();
                }
            }
        };
    }

    /** @return how many events another connection sees committed */
    private int committedEvents() throws SQLException {
        try (Connection reading = SqliteFiles.connect(file, SqliteStore.Sync.NORMAL);
                Statement statement = reading.createStatement();
                ResultSet row = statement.executeQuery("SELECT count(*) FROM events")) {
            row.next();
            return row.getInt(1);
        }
    }

    /** Waits until another connection sees {@code count} events committed. */
    private void awaitEvents(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        try (Connection reading = SqliteFiles.connect(file, SqliteStore.Sync.NORMAL)) {
            while (true) {
                try (Statement statement = reading.createStatement();
                        ResultSet row = statement.executeQuery("SELECT count(*) FROM events")) {
                    row.next();
                    if (row.getInt(1) >= count) {
                        return;
                    }
                }
                reading.rollback();
                assertThat(System.nanoTime()).as("%d events committed within 10 s", count).isLessThan(deadline);
                Thread.sleep(5);
            }
        }
    }
}
