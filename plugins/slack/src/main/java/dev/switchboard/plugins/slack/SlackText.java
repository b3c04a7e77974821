package dev.switchboard.plugins.slack;

/**
 * Slack's text rules: control characters escaped, and lengths kept within what Slack accepts.
 *
 * <p>Lengths are counted in UTF-16 units, which is never less than Slack's count of characters,
 * so a truncated text is always within the limit.
 */
final class SlackText {

    /** Section block text (mrkdwn); also used for the attachment title and fallback text. */
    static final int TEXT_MAX = 3000;
    /** One field of a section block; also used for an attachment field's value. */
    static final int FIELD_MAX = 2000;

    static final String ELLIPSIS = "…";

    private SlackText() {
    }

    /**
     * Escapes the three characters Slack treats as control characters, so that text from an
     * event can never form a link or a mention such as {@code <!channel>}.
     *
     * @param text the raw text
     * @return the escaped text
     */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Shortens an escaped text to at most {@code max} units, ending it with {@code …} when it was
     * cut. Never splits a surrogate pair or an escape such as {@code &amp;}.
     *
     * @param text escaped text
     * @param max the limit, at least 2
     * @return the text itself when it fits, else its start followed by {@code …}
     */
    static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = max - ELLIPSIS.length();
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        int amp = text.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - "&amp;".length()) {
            int semicolon = text.indexOf(';', amp);
            if (semicolon < 0 || semicolon >= cut) {
                cut = amp;
            }
        }
        return text.substring(0, cut) + ELLIPSIS;
    }

    /**
     * @param text any text
     * @param codePoints how many characters to keep
     * @return the first {@code codePoints} characters of the text, or the whole text if shorter
     */
    static String prefix(String text, int codePoints) {
        if (text.codePointCount(0, text.length()) <= codePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, codePoints));
    }
}
