package dev.switchboard.plugins.secure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one-pass trigger scan: it must fire wherever its detector could find something. */
class TriggersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-----BEGIN RSA PRIVATE KEY-----   | 1",
        "x eyJhbGciOi                      | 2",
        "key AKIAIOSFODNN7EXAMPLE          | 4",
        "ASIA and ABIA and ACCA            | 4",
        "aws_SECRET_access_key             | 8",
        "ghp_ and gho_                     | 16",
        "github_pat_11AB                   | 16",
        "xoxb- or xapp-1-                  | 32",
        "https://example.com               | 64",
        "sk_live_ rk_test_                 | 128",
        "BeArEr                            | 256",
        "PROXY-AUTHORIZATION               | 512",
        "a@b                               | 1024",
        "4111 1111 1111 1                  | 2048",
    })
    void eachTriggerFiresOnItsLiteralInAnyExpectedCase(String text, int trigger) {
        assertThat(Triggers.of(text.strip()) & trigger).isEqualTo(trigger);
    }

    @Test
    void ordinaryProseFiresNothing() {
        assertThat(Triggers.of("Solar capacity grew 24% in 2023; the bond market and the"
                + " agency's authority were unaffected. Ask the team (a) or (b) at 10:45."))
                .isZero();
    }

    @Test
    void lookalikesDoNotFire() {
        assertThat(Triggers.of("eyj EYJ akia gh_x ghz_ xo-x k_livE_ :/ / ----BEGIN")).isZero();
        assertThat(Triggers.of("4111 1111 1111")).isZero();
    }
}
