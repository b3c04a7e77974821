package dev.switchboard.plugins.secure;

import java.util.Arrays;

/**
 * Finds a word in any ASCII case ({@code bearer}, {@code Bearer}, {@code BEARER}, {@code bEaReR})
 * with Boyer-Moore-Horspool: most characters of a text that does not hold the word are never
 * read (about one in five for {@code bearer}, one in twelve for {@code authorization}).
 * Immutable and thread-safe.
 */
final class IgnoreCaseSearch implements Detector.Finder {

    private final char[] needle;
    private final int[] skip = new int[128];

    /** @param lowerWord the word, letters a-z only */
    IgnoreCaseSearch(String lowerWord) {
        if (!lowerWord.matches("[a-z]+")) {
            throw new IllegalArgumentException("letters a-z only: " + lowerWord);
        }
        this.needle = lowerWord.toCharArray();
        Arrays.fill(skip, needle.length);
        for (int j = 0; j < needle.length - 1; j++) {
            skip[needle[j]] = needle.length - 1 - j;
        }
    }

    /**
     * For a letter x of the needle, {@code (c | 0x20) == x} holds exactly when c is x in either
     * case: setting bit 5 lower-cases A-Z, and no other character lands on a-z.
     */
    @Override
    public int next(String text, int from) {
        int last = needle.length - 1;
        for (int end = Math.max(0, from) + last, n = text.length(); end < n; ) {
            int j = last;
            while (j >= 0 && (text.charAt(end - last + j) | 0x20) == needle[j]) {
                j--;
            }
            if (j < 0) {
                return end - last;
            }
            char c = text.charAt(end);
            end += c < 128 ? skip[c | 0x20] : needle.length;
        }
        return -1;
    }
}
