package dev.switchboard.plugins.secure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one kind of secret in text: a cheap pre-check that rules most strings out without a
 * regex, a compiled pattern, and a check of each candidate (a Luhn sum, "looks random").
 *
 * <p>When the pattern has a group named {@code secret}, only that group is replaced, so the
 * context that found it stays readable ({@code Bearer [REDACTED:bearer_token]}). Immutable and
 * thread-safe.
 */
final class Detector {

    private static final String SECRET_GROUP = "secret";

    private final String kind;
    private final String marker;
    private final Pattern pattern;
    private final Predicate<String> mayContain;
    private final Predicate<String> accept;
    private final boolean hasSecretGroup;

    Detector(String kind, Pattern pattern, Predicate<String> mayContain, Predicate<String> accept) {
        this.kind = kind;
        this.marker = marker(kind);
        this.pattern = pattern;
        this.mayContain = mayContain;
        this.accept = accept;
        this.hasSecretGroup = pattern.pattern().contains("(?<" + SECRET_GROUP + ">");
    }

    /** A detector without pre-check or candidate check, for the patterns a user configures. */
    static Detector always(String kind, Pattern pattern) {
        return new Detector(kind, pattern, text -> true, candidate -> true);
    }

    /** @return the marker that replaces a finding of this kind, e.g. {@code [REDACTED:jwt]} */
    static String marker(String kind) {
        return "[REDACTED:" + kind + "]";
    }

    String kind() {
        return kind;
    }

    /**
     * Adds what this detector finds in {@code text} to {@code findings}.
     *
     * @param rank this detector's place in the scanner; lower ranks win overlaps
     * @return the findings list, created on the first finding (null while there is none)
     */
    List<Finding> find(String text, int rank, List<Finding> findings) {
        if (!mayContain.test(text)) {
            return findings;
        }
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            int start = hasSecretGroup ? matcher.start(SECRET_GROUP) : matcher.start();
            int end = hasSecretGroup ? matcher.end(SECRET_GROUP) : matcher.end();
            // An empty match (a user pattern like "x*") would insert markers between characters.
            if (start < 0 || start == end || !accept.test(text.substring(start, end))) {
                continue;
            }
            if (findings == null) {
                findings = new ArrayList<>(4);
            }
            findings.add(new Finding(start, end, marker, rank));
        }
        return findings;
    }
}
