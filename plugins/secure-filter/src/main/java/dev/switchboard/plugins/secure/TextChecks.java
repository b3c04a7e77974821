package dev.switchboard.plugins.secure;

/** Cheap, allocation-free checks on text that run before (and instead of) most regexes. */
final class TextChecks {

    private TextChecks() {
    }

    /** Tokens this long are credentials whatever their alphabet: English words are shorter. */
    static final int ALWAYS_CREDENTIAL_LENGTH = 16;
    private static final String VALUE_ENDS = "\r\n\"'`,;&)}]>";

    /**
     * Whether the token at {@code start..end} of {@code text}, after {@code Bearer} or an
     * {@code Authorization:} header name, is a credential, whatever its alphabet: a token that
     * {@linkplain #looksLikeCredential looks random}, one of at least
     * {@value #ALWAYS_CREDENTIAL_LENGTH} characters, or one of at least 8 that ends the header
     * value (end of text or line, a quote, a separator: {@code Bearer abcdefghij}). Not a
     * placeholder ({@code YOUR_TOKEN}) nor a word that prose goes on after
     * ({@code Bearer authentication is configured}).
     */
    static boolean isHeaderCredential(String text, int start, int end) {
        String token = text.substring(start, end);
        if (token.length() < 8) {
            return false;
        }
        if (looksLikeCredential(token)) {
            return true;
        }
        if (isPlaceholder(token)) {
            return false;
        }
        return token.length() >= ALWAYS_CREDENTIAL_LENGTH || endsValue(text, end);
    }

    /** {@code YOUR_TOKEN}, {@code API-KEY_HERE}: capitals joined by underscores. */
    private static boolean isPlaceholder(String token) {
        return token.indexOf('_') >= 0 && token.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '_' || c == '-');
    }

    private static boolean endsValue(String text, int end) {
        int at = end;
        while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
            at++;
        }
        return at == text.length() || VALUE_ENDS.indexOf(text.charAt(at)) >= 0;
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
