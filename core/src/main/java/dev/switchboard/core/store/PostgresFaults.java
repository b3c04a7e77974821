package dev.switchboard.core.store;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Turns what PostgreSQL and its driver report into one {@link StoreException} naming the database
 * (its URL without parameters, so never a password given in it).
 */
final class PostgresFaults {

    private static final Pattern PARAMETERS = Pattern.compile("[?;].*$");

    private PostgresFaults() {
    }

    /** @return the URL without its parameters ({@code ?user=…&password=…}), fit for a log line */
    static String describe(String url) {
        return PARAMETERS.matcher(url).replaceAll("");
    }

    static StoreException describe(String database, Exception failure) {
        if (failure instanceof StoreException store) {
            return store;
        }
        if (!(failure instanceof SQLException sql)) {
            return new StoreException(database + ": " + failure.getMessage(), failure);
        }
        String state = sql.getSQLState() == null ? "" : sql.getSQLState();
        return new StoreException(database + ": " + meaning(state) + " (" + firstLine(sql.getMessage()) + ")", sql);
    }

    /** Whether a transaction that failed this way may simply be run again. */
    static boolean retryable(SQLException failure) {
        String state = failure.getSQLState();
        return "40001".equals(state) || "40P01".equals(state);
    }

    private static String meaning(String state) {
        // SQLSTATE classes of https://www.postgresql.org/docs/current/errcodes-appendix.html
        if (state.startsWith("08")) {
            return "cannot reach the database";
        }
        if (state.equals("28P01") || state.startsWith("28")) {
            return "the database refused the user name or password";
        }
        if (state.equals("3D000")) {
            return "the database does not exist";
        }
        if (state.startsWith("53")) {
            return "the database server is out of resources (disk, memory or connections)";
        }
        if (state.startsWith("57")) {
            return "the database server is shutting down or cancelled the statement";
        }
        if (state.startsWith("42")) {
            return "the database user may not do this, or the schema is not Switchboard's";
        }
        return "the database failed";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
