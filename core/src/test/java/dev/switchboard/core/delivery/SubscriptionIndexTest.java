package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubscriptionIndexTest {

    private static WorkflowEvent event(String type, String spec, String session) {
        return WorkflowEvent.builder(type).specName(spec).patternType("chain").sessionId(session).build();
    }

    private final SubscriptionIndex index = new SubscriptionIndex(List.of(
            new Subscription(List.of("*"), Map.of()),
            new Subscription(List.of("workflow_*", "error"), Map.of("spec_name", "research-*")),
            new Subscription(List.of("*"), Map.of("session_id", "s-1*")),
            new Subscription(List.of("step_complete"), Map.of("pattern_type", "chain")),
            new Subscription(List.of("*"), Map.of("session_id", "s-2", "spec_name", "other"))));

    @Test
    void givesTheMatchingSubscriptionsInOrderLikeCheckingEachOne() {
        assertThat(index.matching(event("workflow_start", "research-a", "s-10"))).containsExactly(0, 1, 2);
        assertThat(index.matching(event("workflow_start", "research-a", "s-20"))).containsExactly(0, 1);
        assertThat(index.matching(event("step_complete", "other", "s-2"))).containsExactly(0, 3, 4);
        assertThat(index.matching(event("step_complete", "other", "s-3"))).containsExactly(0, 3);
        assertThat(index.matching(event("error", null, null))).containsExactly(0);
    }

    @Test
    void theSameCombinationAgainGivesTheSameAnswerForAnySession() {
        for (int i = 0; i < 3; i++) {
            assertThat(index.matching(event("error", "research-x", "s-1" + i))).containsExactly(0, 1, 2);
            assertThat(index.matching(event("error", "research-x", "t-" + i))).containsExactly(0, 1);
        }
    }

    @Test
    void beyondTheCacheEveryEventIsStillMatched() {
        SubscriptionIndex many = new SubscriptionIndex(List.of(new Subscription(List.of("type_1*"), Map.of())));
        for (int i = 0; i < SubscriptionIndex.MAX_CACHED + 100; i++) {
            int[] matched = many.matching(WorkflowEvent.builder("type_" + i).build());
            assertThat(matched.length).as("type_" + i).isEqualTo(String.valueOf(i).startsWith("1") ? 1 : 0);
        }
    }
}
