package dev.switchboard.plugins.secure;

/**
 * Candidate finders for the built-in detectors: where, at or after {@code from}, a match could
 * start. Plain {@code indexOf} loops, so a long clean text costs one linear pass per detector.
 */
final class Finders {

    private Finders() {
    }

    /** A finder for the earliest of several literal starts. */
    static Detector.Finder literal(String... needles) {
        return (text, from) -> earliest(text, from, needles);
    }

    /** A finder for matches that start {@code before} characters ahead of a literal. */
    static Detector.Finder before(int before, String... needles) {
        return (text, from) -> {
            int at = earliest(text, from + before, needles);
            return at < 0 ? -1 : at - before;
        };
    }

    /** A finder for matches that start right after a literal ({@code ://} of a URL). */
    static Detector.Finder after(String needle) {
        return (text, from) -> {
            int at = text.indexOf(needle, Math.max(0, from - needle.length()));
            return at < 0 ? -1 : at + needle.length();
        };
    }

    /** A finder for a word in any ASCII case; letters a-z only. */
    static Detector.Finder ignoringCase(String lowerWord) {
        return new IgnoreCaseSearch(lowerWord);
    }

    /** {@code gh[pousr]_} or {@code github_pat_}. */
    static int githubToken(String text, int from) {
        int pat = text.indexOf("github_pat_", from);
        for (int at = text.indexOf("gh", from); at >= 0 && (pat < 0 || at < pat);
                at = text.indexOf("gh", at + 1)) {
            if (at + 3 < text.length() && "pousr".indexOf(text.charAt(at + 2)) >= 0
                    && text.charAt(at + 3) == '_') {
                return at;
            }
        }
        return pat;
    }

    /**
     * A digit 2-6 (the issuer ranges the card pattern accepts) that starts a number, followed by
     * at least 13 digits among digits, spaces and dashes. A span with fewer digits is skipped
     * whole: no card number can start inside it.
     */
    static int cardNumber(String text, int from) {
        int n = text.length();
        int at = from;
        while (at < n) {
            char c = text.charAt(at);
            if (c < '2' || c > '6' || (at > 0 && continuesNumber(text.charAt(at - 1)))) {
                at++;
                continue;
            }
            int digits = 0;
            int end = at;
            for (; end < n; end++) {
                char d = text.charAt(end);
                if (d >= '0' && d <= '9') {
                    digits++;
                } else if (d != ' ' && d != '-') {
                    break;
                }
            }
            if (digits >= 13) {
                return at;
            }
            at = end;
        }
        return -1;
    }

    private static boolean continuesNumber(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '+' || c == '-';
    }

    private static int earliest(String text, int from, String... needles) {
        int best = -1;
        for (String needle : needles) {
            int at = text.indexOf(needle, from);
            if (at >= 0 && (best < 0 || at < best)) {
                best = at;
            }
        }
        return best;
    }
}
