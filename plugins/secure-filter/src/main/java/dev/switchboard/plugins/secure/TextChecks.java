package dev.switchboard.plugins.secure;

/** Cheap, allocation-free checks on text that run before (and instead of) most regexes. */
final class TextChecks {

    private TextChecks() {
    }

    /**
     * Whether a token after {@code Bearer} or {@code Authorization:} is a credential rather than
     * a word of prose or a placeholder: at least 8 characters, with a digit or a mix of upper
     * and lower case ({@code Bearer authentication} and {@code Bearer YOUR_TOKEN} are not).
     */
    static boolean looksLikeCredential(String token) {
        if (token.length() < 8) {
            return false;
        }
        int upper = 0;
        int lower = 0;
        for (int i = 0, n = token.length(); i < n; i++) {
            char c = token.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
            if (c >= 'A' && c <= 'Z') {
                upper++;
            } else if (c >= 'a' && c <= 'z') {
                lower++;
            }
        }
        return upper >= 2 && lower >= 2;
    }

    /**
     * The Luhn (mod 10) check that every payment card number passes, over the digits of
     * {@code number}; spaces and dashes are skipped.
     */
    static boolean passesLuhn(String number) {
        int sum = 0;
        boolean doubled = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int digit = c - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
