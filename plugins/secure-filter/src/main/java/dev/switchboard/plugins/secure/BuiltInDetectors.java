package dev.switchboard.plugins.secure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The secrets the filter knows without configuration, most specific first: where two findings
 * overlap, the earlier detector names the marker ({@code Bearer ghp_…} is a {@code github_token}).
 *
 * <p>Each detector looks only at texts with its {@link Triggers}, and most have a finder, so
 * their pattern is tried only where a match can start; the look-behind at the start of a
 * pattern keeps a match from starting inside a longer word.
 */
final class BuiltInDetectors {

    /** The credential characters of RFC 6750's token68, not ending in a dot (end of sentence). */
    private static final String TOKEN = "[A-Za-z0-9._~+/-]*[A-Za-z0-9_~+/-]=*";

    private BuiltInDetectors() {
    }

    static List<Detector> create(boolean emails) {
        List<Detector> detectors = new ArrayList<>(16);
        detectors.add(new Detector("private_key", Triggers.PRIVATE_KEY, Pattern.compile(
                        "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
                        + "(?:[\\s\\S]*?-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----"
                        // A block cut off by truncated output: hide everything after its start.
                        + "|\\r?\\n[A-Za-z0-9+/=]{16}[\\s\\S]*\\z)"),
                Finders.literal("-----BEGIN "), any -> true));
        detectors.add(new Detector("jwt", Triggers.JWT, Pattern.compile(
                        "(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
                Finders.literal("eyJ"), any -> true));
        detectors.add(new Detector("aws_access_key", Triggers.AWS_ACCESS_KEY, Pattern.compile(
                        "(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
                Finders.literal("AKIA", "ASIA", "ABIA", "ACCA"), any -> true));
        detectors.add(new Detector("aws_secret_key", Triggers.AWS_SECRET, Pattern.compile(
                        "(?i)secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?"
                        + "(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"),
                Finders.ignoringCase("secret"), any -> true));
        detectors.add(new Detector("github_token", Triggers.GITHUB, Pattern.compile(
                        "(?<![A-Za-z0-9_])"
                        + "(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,244})"
                        + "(?![A-Za-z0-9_])"),
                Finders::githubToken, any -> true));
        detectors.add(new Detector("slack_token", Triggers.SLACK_TOKEN, Pattern.compile(
                        "(?<![A-Za-z0-9-])"
                        + "(?:xox[baprs]-[A-Za-z0-9-]{10,}|xapp-[0-9]-[A-Za-z0-9-]{10,})"),
                Finders.literal("xox", "xapp-"), any -> true));
        detectors.add(new Detector("slack_webhook", Triggers.URL, Pattern.compile(
                        "https?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]+"),
                Finders.literal("https://hooks.slack.com/", "http://hooks.slack.com/"),
                any -> true));
        detectors.add(new Detector("stripe_key", Triggers.STRIPE, Pattern.compile(
                        "(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9_])"),
                Finders.before(1, "k_live_", "k_test_"), any -> true));
        detectors.add(new Detector("url_password", Triggers.URL | Triggers.AT_SIGN, Pattern.compile(
                        "(?<=://)[^\\s/:@\\[\\]]*:(?<secret>[^\\s/@]+)@"),
                Finders.after("://"), BuiltInDetectors::isNotPlaceholder));
        detectors.add(new Detector("bearer_token", Triggers.BEARER, Pattern.compile(
                        "(?i)(?<![A-Za-z0-9_])bearer\\s+(?<secret>" + TOKEN + ")"),
                Finders.ignoringCase("bearer"), TextChecks::isHeaderCredential));
        detectors.add(new Detector("authorization", Triggers.AUTHORIZATION, Pattern.compile(
                        "(?i)(?<![A-Za-z0-9_])authorization[\"']?\\s*[:=]\\s*[\"']?"
                        + "(?:[a-z][a-z0-9-]*\\s+)?(?<secret>" + TOKEN + ")"),
                Finders.ignoringCase("authorization"), TextChecks::isHeaderCredential));
        // The same value without a scheme: above, a schemeless token followed by prose
        // ("Authorization: abcdefghijklmnopqrstu was sent") is taken for the scheme.
        detectors.add(new Detector("authorization", Triggers.AUTHORIZATION, Pattern.compile(
                        "(?i)(?<![A-Za-z0-9_])authorization[\"']?\\s*[:=]\\s*[\"']?(?<secret>" + TOKEN + ")"),
                Finders.ignoringCase("authorization"), TextChecks::isHeaderCredential));
        // Issuer prefixes 2-6 only: 13-digit epoch milliseconds and nanosecond clocks start
        // with 1. Grouped forms are 4-4-4-4(-3) and Amex/Diners 4-6-5/4-6-4, so dates
        // ("2024-01-01 2024-12-31") are no candidates. Not after '+' (a phone number) or '.'
        // (a decimal like 0.30000000000000004).
        detectors.add(new Detector("card_number", Triggers.DIGITS_13, Pattern.compile(
                        "(?<![\\w.+-])(?:[2-6]\\d{12,18}"
                        + "|[2-6]\\d{3}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?"
                        + "|3\\d{3}([ -])\\d{6}\\2\\d{4,5})(?!\\w|\\.\\d)"),
                Finders::cardNumber, TextChecks::passesLuhn));
        if (emails) {
            // Not the user part of a URL (https://token@host, postgres://app:pw@db).
            detectors.add(new Detector("email", Triggers.AT_SIGN, Pattern.compile(
                            "(?<![A-Za-z0-9._%+-])(?<!://[^\\s/@]{0,256})[A-Za-z0-9._%+-]+@"
                            + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}"
                            + "(?![A-Za-z0-9-])"),
                    null, any -> true));
        }
        return detectors;
    }

    /** {@code postgres://app:${DB_PASSWORD}@db} and {@code :<password>@} hide nothing. */
    private static boolean isNotPlaceholder(String password) {
        char first = password.charAt(0);
        if (first == '$' || first == '<' || first == '{') {
            return false;
        }
        return !password.chars().allMatch(c -> c == '*');
    }
}
