package dev.switchboard.core.delivery;

/**
 * An exact name or a glob where {@code *} stands for any run of characters
 * ({@code workflow_*}, {@code research-*}, {@code *}). Matching is allocation-free: it runs for
 * every handler on every event.
 */
final class GlobPattern {

    private final String pattern;
    private final boolean exact;
    private final boolean prefixOnly;
    private final String prefix;

    GlobPattern(String pattern) {
        this.pattern = pattern;
        int star = pattern.indexOf('*');
        this.exact = star < 0;
        this.prefixOnly = star == pattern.length() - 1;
        this.prefix = star < 0 ? pattern : pattern.substring(0, star);
    }

    boolean matches(String value) {
        if (value == null) {
            return false;
        }
        if (exact) {
            return pattern.equals(value);
        }
        if (prefixOnly) {
            return value.startsWith(prefix);
        }
        return wildcardMatch(value);
    }

    /** Classic greedy wildcard matching with backtracking to the last star. */
    private boolean wildcardMatch(String value) {
        int p = 0;
        int v = 0;
        int starAt = -1;
        int resumeAt = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starAt = p++;
                resumeAt = v;
            } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
                p++;
                v++;
            } else if (starAt >= 0) {
                p = starAt + 1;
                v = ++resumeAt;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    @Override
    public String toString() {
        return pattern;
    }
}
