package dev.switchboard.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;

/** Checks and opens the SQLite store's files: the data folder, its lock, the database header. */
final class SqliteFiles {

    private static final byte[] HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    private SqliteFiles() {
    }

    /**
     * Makes sure the database's folder exists and locks it for this process.
     *
     * @return the held lock, released by closing it
     */
    static AutoCloseable lock(Path file) {
        if (Files.isDirectory(file)) {
            throw new StoreException(file + ": is a directory, not a database file");
        }
        Path folder = file.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new StoreException(folder + ": cannot create the data folder (" + e + ")", e);
        }
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException(folder + ": cannot write in the data folder (creating " + lockFile.getFileName()
                    + " failed: " + e + ")", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StoreLockedException(file + ": is in use by another Switchboard (it holds " + lockFile
                    + "); stop that one or give this one another data folder");
        }
        return channel::close;
    }

    /** Refuses a file that is not a SQLite database, before SQLite sees (and perhaps rewrites) it. */
    static void checkHeader(Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        byte[] start = new byte[HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        } catch (IOException e) {
            throw new StoreException(file + ": cannot read the database file (" + e + ")", e);
        }
        if (read > 0 && (read < HEADER.length || !Arrays.equals(start, HEADER))) {
            throw new StoreException(file + ": is not a SQLite database (its header is wrong); it was left untouched"
                    + " — restore it from a backup or move it aside");
        }
    }

    static Connection connect(Path file, SqliteStore.Sync sync) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(sync == SqliteStore.Sync.FULL ? SQLiteConfig.SynchronousMode.FULL
                : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        // The driver would otherwise prepare and run "SELECT last_insert_rowid()" after every INSERT.
        config.setGetGeneratedKeys(false);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        connection.setAutoCommit(false);
        return connection;
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception ignored) {
            // Already failing: the first error is the one to report.
        }
    }
}
