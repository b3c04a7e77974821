package dev.switchboard.plugins.secure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.WorkflowEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The filter on whole events: nested data, key rules, allow-list mode, and what it keeps. */
class SecureFilterTest {

    private static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
    private static final String BEARER = "Bearer 9f8e7d6c5b4a3210fedcba9876543210";

    @Test
    void anEventWithNothingToChangeIsReturnedAsTheSameInstance() {
        WorkflowEvent event = event(Map.of(
                "step_index", 2,
                "duration_seconds", 2.5,
                "ok", true,
                "outputs", List.of("plain text", Map.of("summary", "Solar grew 24% in 2023")),
                "meta", map("parent", null, "tags", List.of("research", "chain"))));

        assertThat(Filters.secure().apply(event)).isSameAs(event);
    }

    @Test
    void secretsAreFoundInStringsAtAnyDepthOfMapsAndLists() {
        WorkflowEvent event = event(map(
                "step_index", 1,
                "outputs", List.of(
                        "used key " + AWS_KEY,
                        "plain",
                        List.of("deep", Map.of("token", JWT))),
                "meta", Map.of("a", Map.of("b", Map.of("c", "sent " + BEARER)))));

        WorkflowEvent redacted = Filters.secure().apply(event);

        assertThat(redacted.data()).isEqualTo(map(
                "step_index", 1,
                "outputs", List.of(
                        "used key [REDACTED:aws_access_key]",
                        "plain",
                        List.of("deep", Map.of("token", "[REDACTED:jwt]"))),
                "meta", Map.of("a", Map.of("b", Map.of("c", "sent Bearer [REDACTED:bearer_token]")))));
    }

    @Test
    void theOriginalEventIsLeftAsItWas() {
        WorkflowEvent event = event(Map.of("response", "key " + AWS_KEY));

        Filters.secure().apply(event);

        assertThat(event.data()).containsEntry("response", "key " + AWS_KEY);
    }

    @Test
    void aRedactedEventKeepsItsIdAndEnvelope() {
        WorkflowEvent event = WorkflowEvent.builder("error")
                .id("evt-42")
                .timestamp("2025-11-12T10:30:45.123456")
                .sessionId("a1b2c3d4-e5f6-7890")
                .specName("research-workflow")
                .patternType("chain")
                .data(Map.of("error", "401 for " + BEARER))
                .build();

        WorkflowEvent redacted = Filters.secure().apply(event);

        assertThat(redacted).isNotSameAs(event);
        assertThat(redacted.toBuilder().data(event.data()).build()).isEqualTo(event);
        assertThat(redacted.data()).containsEntry("error", "401 for Bearer [REDACTED:bearer_token]");
    }

    @Test
    void keysAndTheirOrderAreKeptInACopiedMap() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("zeta", "first");
        data.put("alpha", "key " + AWS_KEY);
        data.put("mid", 3);

        WorkflowEvent redacted = Filters.secure().apply(event(data));

        assertThat(redacted.data().keySet()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void nullsInListsAndMapsSurviveARedaction() {
        WorkflowEvent redacted = Filters.secure().apply(event(map(
                "items", Arrays.asList(null, "key " + AWS_KEY, null),
                "none", null)));

        assertThat(redacted.data()).isEqualTo(map(
                "items", Arrays.asList(null, "key [REDACTED:aws_access_key]", null),
                "none", null));
    }

    @Test
    void theWholeValueOfAnyKeyNamedAuthorizationIsRedactedIgnoringCase() {
        WorkflowEvent event = event(Map.of("request", Map.of(
                "headers", Map.of("AUTHORIZATION", "token abc", "Accept", "application/json"),
                "retries", List.of(Map.of("Proxy-Authorization", Map.of("scheme", "Basic"))))));

        WorkflowEvent redacted = Filters.secure().apply(event);

        assertThat(redacted.data()).isEqualTo(Map.of("request", Map.of(
                "headers", Map.of("AUTHORIZATION", "[REDACTED:authorization]",
                        "Accept", "application/json"),
                "retries", List.of(Map.of("Proxy-Authorization", "[REDACTED:authorization]")))));
    }

    @Test
    void denyKeysRedactTheWholeValueAtAnyDepthIgnoringCase() {
        EventFilter filter = Filters.secure(Map.of("deny_keys", List.of("Password", "session_cookie")));
        WorkflowEvent event = event(map(
                "password", "hunter2",
                "user", Map.of("name", "ada", "PASSWORD", Map.of("nested", 1)),
                "calls", List.of(Map.of("Session_Cookie", 12345)),
                "session_cookie", null));

        WorkflowEvent redacted = filter.apply(event);

        assertThat(redacted.data()).isEqualTo(map(
                "password", "[REDACTED:key]",
                "user", Map.of("name", "ada", "PASSWORD", "[REDACTED:key]"),
                "calls", List.of(Map.of("Session_Cookie", "[REDACTED:key]")),
                "session_cookie", null));
    }

    @Test
    void allowKeysKeepOnlyTheListedTopLevelKeysAndStillScanThem() {
        EventFilter filter = Filters.secure(Map.of("allow_keys", List.of("response", "step_index")));
        WorkflowEvent event = event(map(
                "response", Map.of("text", "used " + AWS_KEY, "debug", "kept: nested keys are not filtered"),
                "step_index", 4,
                "env", Map.of("HOME", "/root"),
                "prompt", "the full prompt"));

        WorkflowEvent redacted = filter.apply(event);

        assertThat(redacted.data()).isEqualTo(map(
                "response", Map.of("text", "used [REDACTED:aws_access_key]",
                        "debug", "kept: nested keys are not filtered"),
                "step_index", 4));
    }

    @Test
    void anAllowListThatRemovesNothingKeepsTheSameEvent() {
        EventFilter filter = Filters.secure(Map.of("allow_keys", List.of("response", "step_index")));
        WorkflowEvent event = event(Map.of("response", "fine", "step_index", 1));

        assertThat(filter.apply(event)).isSameAs(event);
    }

    @Test
    void anEmptyAllowListRemovesAllDataButNeverDropsTheEvent() {
        EventFilter filter = Filters.secure(Map.of("allow_keys", List.of()));
        WorkflowEvent event = event(Map.of("response", "anything"));

        WorkflowEvent filtered = filter.apply(event);

        assertThat(filtered).isNotNull();
        assertThat(filtered.eventType()).isEqualTo("step_complete");
        assertThat(filtered.data()).isEmpty();
    }

    @Test
    void anEventWithoutDataPassesAsTheSameInstance() {
        WorkflowEvent event = WorkflowEvent.builder("workflow_start").build();

        assertThat(Filters.secure(Map.of("emails", true)).apply(event)).isSameAs(event);
    }

    @Test
    void emailAddressesAreRedactedOnlyWhenSwitchedOn() {
        WorkflowEvent event = event(Map.of("owner", "Ask ada@example.com"));

        assertThat(Filters.secure().apply(event)).isSameAs(event);
        assertThat(Filters.secure(Map.of("emails", true)).apply(event).data())
                .containsEntry("owner", "Ask [REDACTED:email]");
    }

    @Test
    void extraPatternsNameTheirMarkers() {
        EventFilter filter = Filters.secure(Map.of("patterns", Map.of(
                "ticket", "\\bSEC-[0-9]{5}\\b",
                "employee_id", "\\bE[0-9]{6}\\b")));

        WorkflowEvent redacted = filter.apply(event(Map.of(
                "response", "Escalated SEC-00042 for E123456; SEC-12 is too short")));

        assertThat(redacted.data()).containsEntry("response",
                "Escalated [REDACTED:ticket] for [REDACTED:employee_id]; SEC-12 is too short");
    }

    @Test
    void anExtraPatternWithASecretGroupRedactsOnlyThatGroup() {
        EventFilter filter = Filters.secure(Map.of("patterns", Map.of(
                "pin", "(?i)pin[:=]\\s*(?<secret>[0-9]{4,8})")));

        WorkflowEvent redacted = filter.apply(event(Map.of("response", "Door PIN: 482913, floor 3")));

        assertThat(redacted.data()).containsEntry("response", "Door PIN: [REDACTED:pin], floor 3");
    }

    @Test
    void anExtraPatternNamesAFindingItSharesWithABuiltIn() {
        EventFilter filter = Filters.secure(Map.of("patterns", Map.of(
                "internal_token", "itk_[a-z0-9]{24}")));

        WorkflowEvent redacted = filter.apply(event(Map.of(
                "response", "Bearer itk_0123456789abcdef01234567")));

        assertThat(redacted.data()).containsEntry("response", "Bearer [REDACTED:internal_token]");
    }

    @Test
    void overlappingFindingsBecomeOneMarkerThatHidesBoth() {
        // The extra pattern covers the JWT's first half and the text before it; the JWT the rest.
        EventFilter filter = Filters.secure(Map.of("patterns", Map.of(
                "session", "sess=eyJ[A-Za-z0-9]{5}")));

        WorkflowEvent redacted = filter.apply(event(Map.of("response", "sess=" + JWT + " ok")));

        assertThat(redacted.data()).containsEntry("response", "[REDACTED:session] ok");
    }

    @Test
    void numbersAreLeftAloneEvenWhenTheyLookLikeCards() {
        WorkflowEvent event = event(Map.of("order_id", 4111111111111111L));

        assertThat(Filters.secure().apply(event)).isSameAs(event);
    }

    @SuppressWarnings("unchecked")
    @Test
    void inputCollectionsAreNeverModified() {
        List<Object> outputs = new ArrayList<>(List.of("key " + AWS_KEY));
        Map<String, Object> data = new LinkedHashMap<>(Map.of("outputs", outputs));
        WorkflowEvent event = event(data);

        WorkflowEvent redacted = Filters.secure().apply(event);

        assertThat((List<Object>) event.data().get("outputs")).containsExactly("key " + AWS_KEY);
        assertThat((List<Object>) redacted.data().get("outputs"))
                .containsExactly("key [REDACTED:aws_access_key]");
    }

    private static WorkflowEvent event(Map<String, ?> data) {
        return WorkflowEvent.builder("step_complete").specName("research-workflow").data(data).build();
    }

    /** A map in the given key order that, unlike {@code Map.of}, may hold nulls. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
