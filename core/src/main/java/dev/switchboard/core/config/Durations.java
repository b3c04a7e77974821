package dev.switchboard.core.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written as a number and a unit: {@code 250ms}, {@code 10s}, {@code 1.5s}, {@code 5m}, {@code 1h}. */
final class Durations {

    static final String HINT = "write a number and a unit, e.g. 250ms, 10s, 5m";

    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** @return the duration, or empty when the text is not one */
    static Optional<Duration> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long nanosPerUnit = switch (m.group(2)) {
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
        try {
            BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(nanosPerUnit));
            return Optional.of(Duration.ofNanos(nanos.toBigInteger().longValueExact()));
        } catch (ArithmeticException tooLong) {
            return Optional.empty();
        }
    }

    /** @param shown the value as {@link YamlNode.Scalar#shown()} gives it: quoted, or empty */
    static String problem(String shown) {
        return "bad duration" + shown + ": " + HINT;
    }
}
