package dev.switchboard.core.store;

import java.nio.file.Path;
import java.sql.SQLException;

/** Turns what SQLite reports into one clear {@link StoreException} naming the file. */
final class SqliteFaults {

    private SqliteFaults() {
    }

    static StoreException describe(Path file, Exception failure) {
        if (failure instanceof StoreException store) {
            return store;
        }
        if (!(failure instanceof SQLException sql)) {
            return new StoreException(file + ": " + failure, failure);
        }
        // Primary result codes of https://www.sqlite.org/rescode.html (extended codes keep them in the low byte).
        String what = switch (sql.getErrorCode() & 0xff) {
            case 11, 26 -> "the database file is corrupt or not a database; it was left untouched"
                    + " — restore it from a backup or move it aside";
            case 8 -> "cannot write the database: it is read-only";
            case 13 -> "cannot write the database: the disk or file-size limit is full";
            case 14 -> "cannot open the database file";
            case 10 -> "cannot write the database: I/O error (a full disk, a file-size limit or a failing device)";
            case 5, 6 -> "the database is locked by another process";
            default -> "the database failed";
        };
        return new StoreException(file + ": " + what + " (" + sql.getMessage() + ")", sql);
    }
}
