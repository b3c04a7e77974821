package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static WorkflowEvent event(Map<String, ?> data) {
        return WorkflowEvent.builder("step_complete").id("e1").data(data).build();
    }

    @Test
    void anEventWithNothingSensitiveIsTheSameInstance() {
        WorkflowEvent event = event(Map.of("step", 1, "nested", Map.of("list", List.of(Map.of("k", "v"))),
                "apikey", "x", "passwords", "y"));
        assertThat(new Redactor(RedactSettings.DEFAULT).redact(event)).isSameAs(event);
    }

    @Test
    void sensitiveKeysAreRemovedAtAnyDepthInMapsAndListsWhateverTheirCase() {
        WorkflowEvent event = event(Map.of("API_KEY", "k", "keep", 1,
                "nested", Map.of("Password", "p", "ok", "v"),
                "list", List.of(Map.of("secret", "s", "x", 2), "plain")));
        WorkflowEvent redacted = new Redactor(RedactSettings.DEFAULT).redact(event);
        assertThat(redacted.id()).isEqualTo("e1");
        assertThat(redacted.data()).isEqualTo(Map.of("keep", 1, "nested", Map.of("ok", "v"),
                "list", List.of(Map.of("x", 2), "plain")));
    }

    @Test
    void maskModeKeepsTheKeyWithAMask() {
        WorkflowEvent redacted = new Redactor(new RedactSettings(List.of("token"), RedactSettings.Mode.MASK))
                .redact(event(Map.of("Token", "t", "other", "o")));
        assertThat(redacted.data()).isEqualTo(Map.of("Token", Redactor.MASK, "other", "o"));
    }

    @Test
    void keysLongerThanTheLengthMaskAreStillFound() {
        String longKey = "x".repeat(70);
        Redactor redactor = new Redactor(new RedactSettings(List.of(longKey, "pin"), RedactSettings.Mode.REMOVE));
        assertThat(redactor.redact(event(Map.of(longKey.toUpperCase(), 1, "y".repeat(70), 2))).data())
                .isEqualTo(Map.of("y".repeat(70), 2));
        assertThat(redactor.redact(event(Map.of("PIN", 1, "pins", 2))).data()).isEqualTo(Map.of("pins", 2));
    }

    @Test
    void noKeysMeansNothingIsRedacted() {
        WorkflowEvent event = event(Map.of("password", "p"));
        assertThat(new Redactor(new RedactSettings(List.of(), RedactSettings.Mode.REMOVE)).redact(event)).isSameAs(event);
    }
}
