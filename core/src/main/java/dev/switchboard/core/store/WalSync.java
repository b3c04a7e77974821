package dev.switchboard.core.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes committed SQLite transactions durable by syncing the database's write-ahead log, off the
 * writer thread: one sync covers every transaction committed before it began. Used with SQLite's
 * {@code synchronous=NORMAL}, under which a commit only writes to the log; SQLite still syncs the
 * log before each checkpoint and the database file after it, so a log restarted after a checkpoint
 * only overwrites what is already durable in the database file. Used by one thread at a time.
 */
final class WalSync implements AutoCloseable {

    private final Path log;
    /** Opened at the first sync: SQLite creates the log with its first write. */
    private FileChannel channel;

    /** @param database the database file; its log is the file of the same name ending in {@code -wal} */
    WalSync(Path database) {
        this.log = database.resolveSibling(database.getFileName() + "-wal");
    }

    /** Returns once every transaction committed so far is on disk. */
    void sync() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(log, StandardOpenOption.READ);
        }
        channel.force(false);
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
