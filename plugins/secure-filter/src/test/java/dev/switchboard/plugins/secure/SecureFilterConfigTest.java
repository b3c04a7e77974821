package dev.switchboard.plugins.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.spi.FilterFactory;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** How the factory is found and how it reports a wrong {@code config:} block. */
class SecureFilterConfigTest {

    @Test
    void theFactoryIsFoundByServiceLoaderAsTypeSecure() {
        List<String> types = ServiceLoader.load(FilterFactory.class).stream()
                .map(provider -> provider.get().type())
                .toList();

        assertThat(types).containsExactly("secure");
    }

    @Test
    void anInvalidRegexIsReportedAtItsPatternName() {
        assertThatThrownBy(() -> Filters.secure(Map.of("patterns", Map.of(
                "ticket", "\\bSEC-[0-9]{5}\\b",
                "broken", "SEC-(\\d+"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("patterns.broken");
                    assertThat(e.getMessage()).contains("not a valid Java regular expression",
                            "Unclosed group");
                });
    }

    @Test
    void aPatternThatMatchesTheEmptyStringIsRefused() {
        assertThatThrownBy(() -> Filters.secure(Map.of("patterns", Map.of("digits", "[0-9]*"))))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo("patterns.digits");
                    assertThat(e.getMessage()).contains("empty string");
                });
    }

    @Test
    void aPatternNameThatCannotBeAMarkerIsRefused() {
        assertThatThrownBy(() -> Filters.secure(Map.of("patterns", Map.of("my token]", "tok_[0-9]+"))))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("patterns.my token]"));
    }

    @Test
    void declaresEveryKeyItReadsSoThatTheRuntimeRefusesAMisspeltDenyKeys() {
        assertThat(new SecureFilterFactory().configKeys()).extracting(key -> key.name())
                .containsExactly("emails", "deny_keys", "allow_keys", "patterns");
    }

    @Test
    void aWrongTypeIsReportedAtItsKey() {
        assertThatThrownBy(() -> Filters.secure(Map.of("emails", "yes please")))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.key()).isEqualTo("emails"));
    }

    @Test
    void allKeysAreOptional() {
        assertThat(Filters.secure(Map.of())).isNotNull();
    }
}
