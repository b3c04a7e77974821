package dev.switchboard.plugins.secure;

/**
 * One pass over a text that notes which built-in detectors could find anything in it: each
 * secret starts with, or contains, a short literal ({@code eyJ}, {@code AKIA}, {@code ://},
 * the word {@code bearer} in any case) or needs 13 digits. A detector whose trigger is missing
 * is skipped without reading the text again, so a clean text costs about one read instead of
 * one per detector.
 */
final class Triggers {

    static final int PRIVATE_KEY = 1;
    static final int JWT = 1 << 1;
    static final int AWS_ACCESS_KEY = 1 << 2;
    static final int AWS_SECRET = 1 << 3;
    static final int GITHUB = 1 << 4;
    static final int SLACK_TOKEN = 1 << 5;
    static final int URL = 1 << 6;
    static final int STRIPE = 1 << 7;
    static final int BEARER = 1 << 8;
    static final int AUTHORIZATION = 1 << 9;
    static final int AT_SIGN = 1 << 10;
    static final int DIGITS_13 = 1 << 11;

    private Triggers() {
    }

    /** @return the triggers present in {@code text}, as a bit set of the constants above */
    static int of(String text) {
        int found = 0;
        int digits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
                continue;
            }
            // Setting bit 5 folds A-Z onto a-z; '@' lands on '`' and nothing else does but '`'.
            switch (c | 0x20) {
                case 'a':
                    if (c == 'A' && isAwsPrefix(text, i)) {
                        found |= AWS_ACCESS_KEY;
                    } else if (wordAt(text, i, "authorization")) {
                        found |= AUTHORIZATION;
                    }
                    break;
                case 'b':
                    found |= wordAt(text, i, "bearer") ? BEARER : 0;
                    break;
                case 's':
                    found |= wordAt(text, i, "secret") ? AWS_SECRET : 0;
                    break;
                case 'e':
                    found |= c == 'e' && text.startsWith("eyJ", i) ? JWT : 0;
                    break;
                case 'g':
                    found |= c == 'g' && isGithubPrefix(text, i) ? GITHUB : 0;
                    break;
                case 'x':
                    found |= c == 'x' && (text.startsWith("xox", i) || text.startsWith("xapp-", i))
                            ? SLACK_TOKEN : 0;
                    break;
                case 'k':
                    found |= c == 'k' && (text.startsWith("k_live_", i) || text.startsWith("k_test_", i))
                            ? STRIPE : 0;
                    break;
                case '`':
                    found |= c == '@' ? AT_SIGN : 0;
                    break;
                case ':':
                    found |= text.startsWith("://", i) ? URL : 0;
                    break;
                case '-':
                    found |= text.startsWith("-----BEGIN ", i) ? PRIVATE_KEY : 0;
                    break;
                default:
                    break;
            }
        }
        return digits >= 13 ? found | DIGITS_13 : found;
    }

    private static boolean isAwsPrefix(String text, int i) {
        return text.startsWith("AKIA", i) || text.startsWith("ASIA", i)
                || text.startsWith("ABIA", i) || text.startsWith("ACCA", i);
    }

    /** {@code gh[pousr]_} or {@code github_pat_}. */
    private static boolean isGithubPrefix(String text, int i) {
        if (i + 3 < text.length() && text.charAt(i + 1) == 'h' && text.charAt(i + 3) == '_') {
            return "pousr".indexOf(text.charAt(i + 2)) >= 0;
        }
        return text.startsWith("github_pat_", i);
    }

    /** Whether the letters-only {@code lowerWord} stands at {@code i}, in any ASCII case. */
    private static boolean wordAt(String text, int i, String lowerWord) {
        if (i + lowerWord.length() > text.length()) {
            return false;
        }
        for (int j = 0; j < lowerWord.length(); j++) {
            if ((text.charAt(i + j) | 0x20) != lowerWord.charAt(j)) {
                return false;
            }
        }
        return true;
    }
}
