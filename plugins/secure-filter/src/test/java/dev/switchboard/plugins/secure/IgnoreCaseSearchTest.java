package dev.switchboard.plugins.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IgnoreCaseSearchTest {

    @Test
    void findsTheWordInAnyCasing() {
        IgnoreCaseSearch bearer = new IgnoreCaseSearch("bearer");

        assertThat(bearer.next("BeArEr", 0)).isZero();
        assertThat(bearer.next("[bearer", 0)).isEqualTo(1);
        assertThat(bearer.next("x-Bearer bEARER", 3)).isEqualTo(9);
        assertThat(bearer.next("bear", 0)).isEqualTo(-1);
        assertThat(new IgnoreCaseSearch("authorization").next("curl -H 'AUTHORIZATION: x'", 0))
                .isEqualTo(9);
    }

    @Test
    void agreesWithLowerCasingTheTextOnRandomInput() {
        Random random = new Random(42);
        String alphabet = "bearBEARrRtT _-@éÉ[]`{";
        IgnoreCaseSearch bearer = new IgnoreCaseSearch("bearer");
        for (int round = 0; round < 5_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.append(random.nextInt(8) == 0 ? "bEaRer" : alphabet.charAt(random.nextInt(alphabet.length())));
            }
            int from = random.nextInt(text.length() + 1);
            String lower = text.toString().toLowerCase(Locale.ROOT);

            assertThat(bearer.next(text.toString(), from))
                    .as("'%s' from %d", text, from)
                    .isEqualTo(lower.indexOf("bearer", from));
        }
    }

    @Test
    void onlyLettersCanBeSearched() {
        assertThatThrownBy(() -> new IgnoreCaseSearch("x-api-key"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
