package dev.switchboard.plugins.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlackTextTest {

    @Test
    void escapesAmpersandAndAngleBrackets() {
        assertThat(SlackText.escape("a & <b> c")).isEqualTo("a &amp; &lt;b&gt; c");
    }

    @Test
    void cutsToTheLimitWithAnEllipsis() {
        assertThat(SlackText.truncate("abcdefgh", 5)).isEqualTo("abcd…");
        assertThat(SlackText.truncate("abcde", 5)).isEqualTo("abcde");
    }

    @Test
    void neverSplitsAnEscape() {
        String escaped = SlackText.escape("abc&def");   // abc&amp;def

        assertThat(SlackText.truncate(escaped, 6)).isEqualTo("abc…");
        assertThat(SlackText.truncate(escaped, 9)).isEqualTo("abc&amp;…");
    }

    @Test
    void neverSplitsASurrogatePair() {
        String rockets = "ab\uD83D\uDE80\uD83D\uDE80";

        assertThat(SlackText.truncate(rockets, 4)).isEqualTo("ab…");
        assertThat(SlackText.truncate(rockets, 5)).isEqualTo("ab\uD83D\uDE80…");
    }

    @Test
    void takesAPrefixInCharactersNotUtf16Units() {
        assertThat(SlackText.prefix("\uD83D\uDE80bc", 2)).isEqualTo("\uD83D\uDE80b");
        assertThat(SlackText.prefix("ab", 8)).isEqualTo("ab");
    }
}
