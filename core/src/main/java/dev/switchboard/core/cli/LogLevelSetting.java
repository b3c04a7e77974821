package dev.switchboard.core.cli;

import java.util.List;
import java.util.Locale;

/**
 * Checks {@code SWITCHBOARD_LOG_LEVEL}, which conf/logback.xml reads for the root level, before
 * logging starts: logback reads a name it does not know as DEBUG, so a typo would silently turn on
 * debug logging.
 */
final class LogLevelSetting {

    static final String VARIABLE = "SWITCHBOARD_LOG_LEVEL";

    /** The names logback's {@code Level.toLevel} knows, whatever their case. */
    static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF", "ALL");

    private LogLevelSetting() {
    }

    /** @return null when the value is unset or a level, else the one-line error */
    static String problem(String value) {
        if (value == null || LEVELS.contains(value.strip().toUpperCase(Locale.ROOT))) {
            return null;
        }
        return "switchboard: " + VARIABLE + "=" + value + " is not a log level; use one of "
                + String.join(", ", LEVELS) + " (default INFO)";
    }
}
