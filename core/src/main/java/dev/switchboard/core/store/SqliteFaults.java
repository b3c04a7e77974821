package dev.switchboard.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.NativeLibraryNotFoundException;

/** Turns what SQLite reports into one clear {@link StoreException} naming the file. */
final class SqliteFaults {

    private SqliteFaults() {
    }

    static StoreException describe(Path file, Exception failure) {
        if (failure instanceof StoreException store) {
            return store;
        }
        if (failure.getCause() instanceof NativeLibraryNotFoundException) {
            return unpackFailed(file, failure);
        }
        if (!(failure instanceof SQLException sql)) {
            return new StoreException(file + ": " + failure, failure);
        }
        // Primary result codes of https://www.sqlite.org/rescode.html (extended codes keep them in the low byte).
        int code = sql.getErrorCode() & 0xff;
        Path readOnly = code == 8 || code == 10 || code == 13 ? notWritable(file) : null;
        String what = readOnly != null ? "cannot write the database: " + readOnly.getFileName()
                + " is not writable (read-only or immutable)" : meaning(code);
        return new StoreException(file + ": " + what + " (" + sql.getMessage() + ")", sql);
    }

    /**
     * The driver unpacks SQLite's native library into a temporary folder before the first
     * connection; on a full disk, or in a folder that is missing, not writable or mounted noexec,
     * that fails and the driver says only "Error opening connection".
     */
    private static StoreException unpackFailed(Path file, Exception failure) {
        String folder = System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir"));
        return new StoreException(folder + ": cannot unpack SQLite's native library here (the folder must exist, be"
                + " writable, have room and allow running programs, not be mounted noexec), so " + file + " cannot be"
                + " opened; name another folder with JAVA_OPTS=-Dorg.sqlite.tmpdir=DIR", failure);
    }

    private static String meaning(int code) {
        return switch (code) {
            case 11, 26 -> "the database file is corrupt or not a database; it was left untouched"
                    + " — restore it from a backup or move it aside";
            case 8 -> "cannot write the database: it is read-only";
            case 13 -> "cannot write the database: the disk or file-size limit is full";
            case 14 -> "cannot open the database file";
            case 10 -> "cannot write the database: I/O error (a full disk, a file-size limit or a failing device)";
            case 5, 6 -> "the database is locked by another process";
            default -> "the database failed";
        };
    }

    /**
     * SQLite reports a write refused by a read-only or immutable file as an I/O error, like a full
     * disk: this tells them apart. (For root, only an immutable file is not writable.)
     *
     * @return the first of the database's files that exists and may not be written, or null
     */
    private static Path notWritable(Path file) {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path candidate = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(candidate) && !Files.isWritable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
