package dev.switchboard.plugins.secure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The candidate finders: they must never skip a place where a secret can start. */
class FindersTest {

    @Test
    void aCardCandidateNeedsThirteenDigitsInItsSpan() {
        assertThat(Finders.cardNumber("order 4111 1111 1111 1111 paid", 0)).isEqualTo(6);
        assertThat(Finders.cardNumber("2024-01-01 10:30 and 4111111111111", 0)).isEqualTo(21);
        assertThat(Finders.cardNumber("call 555-123-4567 or 2024-12-31", 0)).isEqualTo(-1);
    }

    @Test
    void aCardCandidateDoesNotStartInsideAWordADecimalOrAPhoneNumber() {
        assertThat(Finders.cardNumber("id4111111111111111", 0)).isEqualTo(-1);
        assertThat(Finders.cardNumber("0.30000000000000004", 0)).isEqualTo(-1);
        assertThat(Finders.cardNumber("+4915112345678901", 0)).isEqualTo(-1);
        assertThat(Finders.cardNumber("1731407445123456789", 0)).isEqualTo(-1);
    }

    @Test
    void githubTokenCandidatesAreTheKnownPrefixesOnly() {
        assertThat(Finders.githubToken("night high ghx_ then ghs_abc", 0)).isEqualTo(21);
        assertThat(Finders.githubToken("x github_pat_11AB", 0)).isEqualTo(2);
        assertThat(Finders.githubToken("through the night", 0)).isEqualTo(-1);
    }

    @Test
    void aFinderBeforeALiteralReturnsTheStartOfTheMatch() {
        Detector.Finder stripe = Finders.before(1, "k_live_", "k_test_");

        assertThat(stripe.next("key rk_live_x and sk_test_y", 0)).isEqualTo(4);
        assertThat(stripe.next("key rk_live_x and sk_test_y", 5)).isEqualTo(18);
    }

    @Test
    void aFinderAfterALiteralReturnsThePositionBehindIt() {
        Detector.Finder afterScheme = Finders.after("://");

        assertThat(afterScheme.next("see https://a:b@c", 0)).isEqualTo(12);
        assertThat(afterScheme.next("see https://a:b@c", 12)).isEqualTo(12);
        assertThat(afterScheme.next("see https://a:b@c", 13)).isEqualTo(-1);
    }
}
