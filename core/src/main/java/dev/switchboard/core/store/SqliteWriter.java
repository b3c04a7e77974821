package dev.switchboard.core.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The SQLite store's one writer thread. Group commit: every write that arrived while the last
 * commit ran goes into the next transaction, so concurrent writers share one sync to disk. With a
 * {@link WalSync}, the sync runs on a thread of its own, not on the writer: while one transaction
 * is being synced the writer applies the writes that arrive meanwhile in the next, and commits it
 * once that sync is done (committing earlier would not get it synced sooner), and one sync covers
 * every transaction committed before it began. A write's future completes once its transaction is
 * committed and synced (or failed: then every write of that transaction fails with the same
 * {@link StoreException}). A failed transaction leaves nothing behind: once the disk has room again
 * (or the file is writable again), the next one commits.
 */
final class SqliteWriter implements AutoCloseable {

    /** One write, applied inside the writer's transaction. */
    interface Write {
        void apply(SqliteStatements statements) throws SQLException;

        /** Runs once the write is committed, after the callbacks of earlier commits (not on the writer thread). */
        default void committed() {
        }

        /** Runs when the write's transaction failed, in commit order like {@link #committed}. */
        default void failed() {
        }
    }

    private record Queued(Write write, CompletableFuture<Void> done) {
    }

    /** Not a write: the syncing thread's word to a writer {@link #waitingForSync} that the sync is done. */
    private static final Queued SYNCED = new Queued(statements -> { }, new CompletableFuture<>());
    /** How long a transaction is held open for a sync under way, at most, unless told otherwise. */
    static final Duration SYNC_WAIT = Duration.ofMillis(2);

    private final Path file;
    private final Connection connection;
    /** Null when SQLite syncs each commit itself, on the writer thread. */
    private final WalSync walSync;
    /** How many transactions the writer has committed. */
    private volatile long commits;
    /** How many of them are known to be on disk; written on the syncing thread only. */
    private volatile long synced;
    /** Whether the writer holds its transaction open until the sync under way is done. */
    private volatile boolean waitingForSync;
    private final Duration syncWait;
    /** Null after a failed transaction, until the next one prepares them afresh. */
    private SqliteStatements statements;
    private final int maxBatch;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    /**
     * Syncs the log after each commit, in commit order (null when SQLite syncs it itself), then hands
     * the commit to {@link #afterCommit}: the next sync may begin while the threads that waited for
     * the last one are woken.
     */
    private final ExecutorService syncing;
    /**
     * Runs the writes' callbacks, then completes their futures, in commit order, so that waking the
     * threads that wait for a commit delays neither the next commit nor the next sync.
     */
    private final ExecutorService afterCommit = singleThread("switchboard-store-committed");
    private volatile boolean stopping;

    /**
     * @param walSync syncs the log after commits, or null when the connection's SQLite syncs each
     *     commit itself
     */
    SqliteWriter(Path file, Connection connection, WalSync walSync, int maxBatch) throws SQLException {
        this(file, connection, walSync, maxBatch, SYNC_WAIT);
    }

    /** @param syncWait how long a transaction is held open for a sync under way, at most */
    SqliteWriter(Path file, Connection connection, WalSync walSync, int maxBatch, Duration syncWait)
            throws SQLException {
        this.syncWait = syncWait;
        this.file = file;
        this.connection = connection;
        this.walSync = walSync;
        this.syncing = walSync == null ? null : singleThread("switchboard-store-sync");
        // The writer begins and ends its transactions itself. The driver's commit() and rollback()
        // begin the next transaction right after; but when a full disk or an I/O error has made
        // SQLite roll back on its own, the driver's rollback() fails before it begins, and every later
        // write would then commit on its own, while its batch is reported as failed.
        connection.setAutoCommit(true);
        this.statements = new SqliteStatements(connection);
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, "switchboard-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a write and returns at once. */
    CompletableFuture<Void> submit(Write write) {
        if (stopping) {
            throw new IllegalStateException("the delivery store is closed");
        }
        Queued queued = new Queued(write, new CompletableFuture<>());
        queue.add(queued);
        return queued.done;
    }

    /** Queues a write and waits (uninterruptibly: a commit is short) until it is committed. */
    void await(Write write) {
        try {
            submit(write).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void run() {
        List<Queued> batch = new ArrayList<>(maxBatch);
        while (true) {
            Queued first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            if (first == SYNCED) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            batch.removeIf(queued -> queued == SYNCED);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Queued> batch) {
        List<Queued> writes = new ArrayList<>(batch);
        try {
            if (statements == null) {
                statements = new SqliteStatements(connection);
            }
            statements.begin();
            for (Queued queued : writes) {
                queued.write.apply(statements);
            }
            // While the log is being synced, committing at once would not bring the next sync closer:
            // the writes that arrive meanwhile join this transaction, and it commits when the sync is done.
            List<Queued> more;
            while (writes.size() < maxBatch && !(more = arrivingWhileSyncing(maxBatch - writes.size())).isEmpty()) {
                writes.addAll(more);
                for (Queued queued : more) {
                    queued.write.apply(statements);
                }
            }
            statements.commit();
        } catch (SQLException | RuntimeException e) {
            discardTransaction();
            StoreException fault = SqliteFaults.describe(file, e);
            afterSync(0, unsynced -> {
                for (Queued queued : writes) {
                    queued.write.failed();
                    queued.done.completeExceptionally(fault);
                }
            });
            return;
        }
        afterSync(++commits, unsynced -> {
            for (Queued queued : writes) {
                try {
                    // Committed, synced or not: what is kept in memory follows what the database holds.
                    queued.write.committed();
                } finally {
                    if (unsynced == null) {
                        queued.done.complete(null);
                    } else {
                        queued.done.completeExceptionally(unsynced);
                    }
                }
            }
        });
    }

    /**
     * Runs {@code then} on the after-commit thread once the log holds commit number {@code commit}
     * on disk (0: nothing to sync), with null or the fault that kept the sync from succeeding. Every
     * callback goes the same way, so that they all keep the order of the commits.
     */
    private void afterSync(long commit, Consumer<StoreException> then) {
        if (syncing == null) {
            afterCommit.execute(() -> then.accept(null));
        } else {
            syncing.execute(() -> {
                StoreException unsynced = syncThrough(commit);
                afterCommit.execute(() -> then.accept(unsynced));
            });
        }
    }

    private static ExecutorService singleThread(String name) {
        return Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Waits, while a commit is still being synced, for writes to arrive, at most {@link #syncWait}.
     *
     * @return up to {@code room} writes that arrived, or none once the log is synced (or at once when
     *     SQLite syncs each commit itself)
     */
    private List<Queued> arrivingWhileSyncing(int room) {
        if (syncing == null) {
            return List.of();
        }
        waitingForSync = true;
        try {
            if (synced >= commits) {
                return List.of();
            }
            Queued next = queue.poll(syncWait.toNanos(), TimeUnit.NANOSECONDS);
            if (next == null || next == SYNCED) {
                return List.of();
            }
            List<Queued> arrived = new ArrayList<>();
            arrived.add(next);
            queue.drainTo(arrived, room - 1);
            arrived.removeIf(queued -> queued == SYNCED);
            return arrived;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            waitingForSync = false;
        }
    }

    /**
     * Syncs the log unless a sync begun after {@code commit} already did.
     *
     * @return null once the commit is on disk, else the fault that kept it from getting there
     */
    private StoreException syncThrough(long commit) {
        if (synced >= commit) {
            return null;
        }
        long committed = commits;
        try {
            walSync.sync();
            synced = committed;
            return null;
        } catch (IOException | RuntimeException e) {
            return new StoreException(file + ": cannot sync the write-ahead log to disk (" + e + "); what was committed"
                    + " since the last sync may not survive a power loss", e);
        } finally {
            if (waitingForSync) {
                queue.add(SYNCED);
            }
        }
    }

    /**
     * Rolls back a failed transaction and drops the prepared statements: the driver closes a
     * statement for good when it fails with an I/O error, so the next transaction prepares them anew.
     */
    private void discardTransaction() {
        if (statements != null) {
            statements.rollBackQuietly();
            SqliteFiles.closeQuietly(statements);
            statements = null;
        }
    }

    /** Commits what is queued, then stops the thread and closes the connection. */
    @Override
    public void close() {
        stopping = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (ExecutorService executor : syncing == null ? List.of(afterCommit) : List.of(syncing, afterCommit)) {
            executor.shutdown();
            while (!executor.isTerminated()) {
                try {
                    executor.awaitTermination(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        Queued late;
        while ((late = queue.poll()) != null) {
            late.done.completeExceptionally(new IllegalStateException("the delivery store is closed"));
        }
        SqliteFiles.closeQuietly(statements);
        SqliteFiles.closeQuietly(walSync);
        SqliteFiles.closeQuietly(connection);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
