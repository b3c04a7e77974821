package dev.switchboard.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The PostgreSQL store's writer thread, with group commit as {@link SqliteWriter}: every write that
 * arrived while the last transaction ran goes into the next one, and its accepts and settles into
 * one batch per statement. Each transaction borrows a connection from the pool, so a connection
 * lost with the server is replaced by the pool once the server is back. A transaction that fails
 * fails every write in it with one {@link StoreException}; one that lost a deadlock (another
 * runtime's transaction) runs again.
 */
final class PostgresWriter implements AutoCloseable {

    /** One write, applied inside the writer's transaction; may be applied again after a deadlock. */
    interface Write {
        void apply(PostgresTransaction transaction) throws SQLException;

        /** Runs on the writer thread once the write is committed. */
        default void committed() {
        }

        /** Runs on the writer thread when the write's transaction failed. */
        default void failed() {
        }
    }

    private record Queued(Write write, CompletableFuture<Void> done) {
    }

    private static final int ATTEMPTS = 3;

    private final String database;
    private final DataSource pool;
    private final String owner;
    private final int maxBatch;
    private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;

    PostgresWriter(String database, DataSource pool, String owner, int maxBatch) {
        this.database = database;
        this.pool = pool;
        this.owner = owner;
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, "switchboard-store-writer");
        thread.setDaemon(true);
        thread.start();
    }

    CompletableFuture<Void> submit(Write write) {
        if (stopping) {
            throw new IllegalStateException("the delivery store is closed");
        }
        Queued queued = new Queued(write, new CompletableFuture<>());
        queue.add(queued);
        return queued.done;
    }

    void await(Write write) {
        StoreWrites.await(submit(write));
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
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Queued> batch) {
        Exception failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                transact(batch);
                failure = null;
                break;
            } catch (SQLException e) {
                failure = e;
                if (!PostgresFaults.retryable(e)) {
                    break;
                }
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        if (failure != null) {
            StoreException fault = PostgresFaults.describe(database, failure);
            for (Queued queued : batch) {
                queued.write.failed();
                queued.done.completeExceptionally(fault);
            }
            return;
        }
        for (Queued queued : batch) {
            try {
                queued.write.committed();
            } finally {
                queued.done.complete(null);
            }
        }
    }

    private void transact(List<Queued> batch) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                PostgresTransaction transaction = new PostgresTransaction(connection, owner);
                for (Queued queued : batch) {
                    queued.write.apply(transaction);
                }
                transaction.flush();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException lost) {
                    e.addSuppressed(lost);
                }
                throw e;
            }
        }
    }

    /** Commits what is queued, then stops the thread. */
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
        Queued late;
        while ((late = queue.poll()) != null) {
            late.done.completeExceptionally(new IllegalStateException("the delivery store is closed"));
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
