package dev.switchboard.core.cli;

import java.util.List;
import java.util.Locale;

/**
 * The log format, {@code text} (default) or {@code json}: from {@code --log-format} on the command
 * line, else {@code SWITCHBOARD_LOG_FORMAT}. It must be known before logging starts (which
 * {@link StartupWarmUp} begins before picocli has parsed anything), so the command line is read
 * for it here first; the result is set as the system property {@code SWITCHBOARD_LOG_FORMAT}, which
 * conf/logback.xml reads (a system property before the environment) to pick its appender.
 */
final class LogFormatSetting {

    static final String VARIABLE = "SWITCHBOARD_LOG_FORMAT";
    static final String OPTION = "--log-format";
    static final List<String> FORMATS = List.of("text", "json");

    private LogFormatSetting() {
    }

    /** @return the format asked for, lower case, or null when none is */
    static String requested(String[] args, String environmentValue) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals(OPTION) && i + 1 < args.length) {
                return args[i + 1].strip().toLowerCase(Locale.ROOT);
            }
            if (args[i].startsWith(OPTION + "=")) {
                return args[i].substring(OPTION.length() + 1).strip().toLowerCase(Locale.ROOT);
            }
        }
        return environmentValue == null ? null : environmentValue.strip().toLowerCase(Locale.ROOT);
    }

    /** @return null when the format is unset or known, else the one-line error */
    static String problem(String format) {
        if (format == null || FORMATS.contains(format)) {
            return null;
        }
        return "switchboard: log format '" + format + "' (" + OPTION + " or " + VARIABLE + ") is not one of "
                + String.join(", ", FORMATS);
    }

    /** Makes conf/logback.xml pick the format's appender; call before logging starts. */
    static void apply(String format) {
        if (format != null) {
            System.setProperty(VARIABLE, format);
        }
    }
}
