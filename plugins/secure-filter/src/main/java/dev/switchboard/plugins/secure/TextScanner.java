package dev.switchboard.plugins.secure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs every detector over one string and replaces what they find with markers. Thread-safe:
 * it holds only immutable detectors.
 */
final class TextScanner {

    private static final String MARKER_START = "[REDACTED:";
    private static final Pattern MARKER = Pattern.compile("\\[REDACTED:[A-Za-z0-9_.-]+]");

    private final Detector[] detectors;

    /** @param detectors in order of precedence: where findings overlap, the first one's kind wins */
    TextScanner(List<Detector> detectors) {
        this.detectors = detectors.toArray(new Detector[0]);
    }

    /**
     * @param text a string value from an event
     * @return the same instance when nothing was found, else the text with each finding replaced
     */
    String scan(String text) {
        int triggers = Triggers.of(text);
        List<Finding> findings = null;
        for (int rank = 0; rank < detectors.length; rank++) {
            findings = detectors[rank].find(text, triggers, rank, findings);
        }
        if (findings != null && text.contains(MARKER_START)) {
            findings = withoutFindingsInsideMarkers(text, findings);
        }
        return findings == null || findings.isEmpty() ? text : replace(text, findings);
    }

    /**
     * Text that was redacted before (a second filter, a replayed event) keeps its markers as
     * they are: a detector that matches inside one ({@code ://[REDACTED:x]@}) is ignored.
     */
    private static List<Finding> withoutFindingsInsideMarkers(String text, List<Finding> findings) {
        List<Finding> kept = new ArrayList<>(findings.size());
        for (Finding finding : findings) {
            if (!insideMarker(text, finding)) {
                kept.add(finding);
            }
        }
        return kept;
    }

    private static boolean insideMarker(String text, Finding finding) {
        int from = text.lastIndexOf(MARKER_START, finding.start());
        if (from < 0) {
            return false;
        }
        int close = text.indexOf(']', from);
        return close >= 0 && finding.end() <= close + 1
                && MARKER.matcher(text).region(from, close + 1).matches();
    }

    /**
     * Overlapping findings (a bearer token that is also a JWT) become one marker covering both,
     * named by the highest-ranked one, so no part of either is left in clear.
     */
    private static String replace(String text, List<Finding> findings) {
        findings.sort(Comparator.comparingInt(Finding::start));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        int i = 0;
        while (i < findings.size()) {
            Finding merged = findings.get(i++);
            while (i < findings.size() && findings.get(i).start() < merged.end()) {
                Finding next = findings.get(i++);
                Finding better = next.rank() < merged.rank() ? next : merged;
                merged = new Finding(merged.start(), Math.max(merged.end(), next.end()),
                        better.marker(), better.rank());
            }
            out.append(text, copied, merged.start()).append(merged.marker());
            copied = merged.end();
        }
        return out.append(text, copied, text.length()).toString();
    }
}
