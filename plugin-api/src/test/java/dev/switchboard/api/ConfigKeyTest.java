package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    @Test
    void aKeyIsOptionalWithoutDefaultUntilToldOtherwise() {
        ConfigKey key = ConfigKey.string("channel", "The channel");

        assertThat(key.isRequired()).isFalse();
        assertThat(key.isSecret()).isFalse();
        assertThat(key.defaultValue()).isNull();
        assertThat(key.type()).isEqualTo(ConfigKey.Type.STRING);
    }

    @Test
    void eachChangeReturnsANewKeyAndLeavesTheOriginal() {
        ConfigKey plain = ConfigKey.string("webhook_url", "Where to post");
        ConfigKey secret = plain.required().secret();

        assertThat(plain.isRequired()).isFalse();
        assertThat(secret.isRequired()).isTrue();
        assertThat(secret.isSecret()).isTrue();
        assertThat(secret).hasToString("webhook_url (string, required, secret)");
    }

    @Test
    void aDefaultMustFitTheType() {
        assertThat(ConfigKey.duration("timeout", "t").defaultValue(Duration.ofSeconds(5)).defaultValue())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigKey.list("tags", "t").defaultValue(List.of("a")).defaultValue()).isEqualTo(List.of("a"));
        assertThatThrownBy(() -> ConfigKey.integer("port", "p").defaultValue("8125"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> ConfigKey.list("tags", "t").defaultValue(List.of(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyIsEitherRequiredOrHasADefault() {
        assertThatThrownBy(() -> ConfigKey.bool("on", "o").defaultValue(true).required())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ConfigKey.bool("on", "o").required().defaultValue(true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNameOrDescriptionThatCannotBeWrittenIsRefused() {
        assertThatThrownBy(() -> ConfigKey.string("two words", "d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigKey.string("", "d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigKey.string("k", "two\nlines")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigKey.string("k", " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
