package dev.switchboard.distribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A systemd unit file read as systemd reads it: sections of {@code Key=value} lines, comments skipped. */
final class SystemdUnit {

    private static final Pattern TIME_SPAN = Pattern.compile("(\\d+)\\s*(ms|s|min|m|h)?");

    private final Map<String, List<String>> values = new LinkedHashMap<>();

    SystemdUnit(String text) {
        String section = "";
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("not Key=value: " + line);
            }
            values.computeIfAbsent(section + "." + line.substring(0, equals).strip(), key -> new ArrayList<>())
                    .add(line.substring(equals + 1).strip());
        }
    }

    /** @return the last value of {@code Section.Key}, as systemd takes it, or null */
    String get(String sectionAndKey) {
        List<String> list = values.get(sectionAndKey);
        return list == null ? null : list.get(list.size() - 1);
    }

    /** @return a time span such as {@code 45s}, {@code 1min 30s} or {@code 90} (seconds) */
    Duration timeSpan(String sectionAndKey) {
        String text = get(sectionAndKey);
        if (text == null) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher matcher = TIME_SPAN.matcher(text);
        int end = 0;
        while (matcher.find()) {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            total = total.plus(switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "min", "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofSeconds(amount);
            });
            end = matcher.end();
        }
        if (end != text.length()) {
            throw new IllegalArgumentException(sectionAndKey + ": not a time span: " + text);
        }
        return total;
    }
}
