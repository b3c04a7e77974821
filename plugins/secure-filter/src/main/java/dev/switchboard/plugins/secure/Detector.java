package dev.switchboard.plugins.secure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one kind of secret in text: the {@link Triggers} it needs (a text without them is
 * skipped unread), an optional finder of candidate positions, a compiled pattern, and a check
 * of each candidate (a Luhn sum, "looks random").
 *
 * <p>With a finder the pattern is only tried where a match can start ({@code indexOf("eyJ")}),
 * instead of at every position of the text: a pattern that begins with a look-behind or a
 * case-insensitive word cannot use the regex engine's own literal search.
 *
 * <p>When the pattern has a group named {@code secret}, only that group is replaced, so the
 * context that found it stays readable ({@code Bearer [REDACTED:bearer_token]}). Immutable and
 * thread-safe.
 */
final class Detector {

    /** Where in a text, at or after {@code from}, a match could start; -1 for nowhere. */
    @FunctionalInterface
    interface Finder {
        int next(String text, int from);
    }

    /**
     * Checks a candidate in its text, for checks that need what follows it (does the token end
     * the header value?); {@code start} and {@code end} bound the text the match would replace.
     */
    @FunctionalInterface
    interface Check {
        boolean accepts(String text, int start, int end);
    }

    private static final String SECRET_GROUP = "secret";

    private final String marker;
    private final Pattern pattern;
    private final int requires;
    private final Finder finder;
    private final Check accept;
    private final boolean hasSecretGroup;

    /**
     * @param kind names the marker, {@code [REDACTED:<kind>]}
     * @param requires the {@link Triggers} a text must have for this detector to look at it
     * @param finder candidate start positions, or null to let the pattern search the text
     * @param accept checks the text each match would replace
     */
    Detector(String kind, int requires, Pattern pattern, Finder finder,
            Predicate<String> accept) {
        this(kind, requires, pattern, finder, (text, start, end) -> accept.test(text.substring(start, end)));
    }

    /** @param accept checks each match in the text it was found in */
    Detector(String kind, int requires, Pattern pattern, Finder finder, Check accept) {
        this.marker = marker(kind);
        this.pattern = pattern;
        this.requires = requires;
        this.finder = finder;
        this.accept = accept;
        this.hasSecretGroup = pattern.pattern().contains("(?<" + SECRET_GROUP + ">");
    }

    /** A detector whose pattern searches every text, for the patterns a user configures. */
    static Detector always(String kind, Pattern pattern) {
        return new Detector(kind, 0, pattern, null, candidate -> true);
    }

    /** @return the marker that replaces a finding of this kind, e.g. {@code [REDACTED:jwt]} */
    static String marker(String kind) {
        return "[REDACTED:" + kind + "]";
    }

    /**
     * Adds what this detector finds in {@code text} to {@code findings}.
     *
     * @param triggers what {@link Triggers#of} found in the text
     * @param rank this detector's place in the scanner; lower ranks name merged findings
     * @return the findings list, created on the first finding (null while there is none)
     */
    List<Finding> find(String text, int triggers, int rank, List<Finding> findings) {
        if ((triggers & requires) != requires) {
            return findings;
        }
        if (finder == null) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                findings = add(text, matcher, rank, findings);
            }
            return findings;
        }
        int from = finder.next(text, 0);
        if (from < 0) {
            return findings;
        }
        // Look-behinds see the text before a candidate; ^ and $ keep meaning the text's ends.
        Matcher matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        while (from >= 0) {
            matcher.region(from, text.length());
            if (matcher.lookingAt()) {
                findings = add(text, matcher, rank, findings);
                from = Math.max(matcher.end(), from + 1);
            } else {
                from++;
            }
            from = from <= text.length() ? finder.next(text, from) : -1;
        }
        return findings;
    }

    private List<Finding> add(String text, Matcher matcher, int rank, List<Finding> findings) {
        int start = hasSecretGroup ? matcher.start(SECRET_GROUP) : matcher.start();
        int end = hasSecretGroup ? matcher.end(SECRET_GROUP) : matcher.end();
        // An empty match (a user pattern like "x*") would insert markers between characters.
        if (start < 0 || start == end || !accept.accepts(text, start, end)) {
            return findings;
        }
        List<Finding> list = findings == null ? new ArrayList<>(4) : findings;
        list.add(new Finding(start, end, marker, rank));
        return list;
    }
}
