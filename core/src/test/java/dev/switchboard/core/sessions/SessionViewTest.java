package dev.switchboard.core.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.delivery.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bounds of the sessions view, with a clock the test moves. */
class SessionViewTest {

    /** A clock that stands still until moved. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2025-11-12T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    private SessionView view(int maxSessions, Duration maxAge, int maxEvents) {
        return new SessionView(new SessionLimits(maxSessions, maxAge, maxEvents),
                Map.of("audit", new Subscription(List.of("workflow_*"), Map.of())), RedactSettings.DEFAULT, clock);
    }

    private static WorkflowEvent event(String session, String type) {
        return WorkflowEvent.builder(type).id(UUID.randomUUID().toString()).sessionId(session).specName("spec").build();
    }

    @Test
    void theLeastRecentlyUpdatedSessionIsForgottenBeyondTheCount() {
        SessionView view = view(2, Duration.ofHours(1), 10);
        view.record(event("a", "workflow_start"));
        view.record(event("b", "workflow_start"));
        view.record(event("a", "step_start"));

        view.record(event("c", "workflow_start"));

        assertThat(view.size()).isEqualTo(2);
        assertThat(view.summary("b")).isEmpty();
        assertThat(view.summary("a")).isPresent();
        assertThat(view.summary("c")).isPresent();
    }

    @Test
    void aSessionNotUpdatedForMaxAgeIsForgotten() {
        SessionView view = view(10, Duration.ofMinutes(30), 10);
        view.record(event("old", "workflow_start"));
        clock.advance(Duration.ofMinutes(20));
        view.record(event("fresh", "workflow_start"));
        clock.advance(Duration.ofMinutes(11));

        assertThat(view.summary("old")).isEmpty();
        assertThat(view.summary("fresh")).isPresent();
        assertThat(view.list(0, 10, null, null).total()).isEqualTo(1);
    }

    @Test
    void aSessionKeepsOnlyItsLastEventsButCountsThemAll() {
        SessionView view = view(10, Duration.ofHours(1), 3);
        for (String type : List.of("workflow_start", "step_start", "step_complete", "step_start", "hitl_pause")) {
            view.record(event("s", type));
        }

        SessionDetail detail = view.find("s").orElseThrow();

        assertThat(detail.events()).extracting(r -> r.event().eventType())
                .containsExactly("step_complete", "step_start", "hitl_pause");
        assertThat(detail.summary().eventCount()).isEqualTo(5);
        assertThat(detail.summary().status()).isEqualTo(SessionStatus.PAUSED);
    }

    @Test
    void anEventStartsPendingForTheHandlersItMatchesAndFollowsTheirOutcomes() {
        SessionView view = view(10, Duration.ofHours(1), 10);
        WorkflowEvent start = event("s", "workflow_start");
        WorkflowEvent step = event("s", "step_start");
        view.record(start);
        view.record(step);

        assertThat(view.find("s").orElseThrow().events().get(0).deliveries().get("audit").state())
                .isEqualTo(DeliveryState.State.PENDING);
        assertThat(view.find("s").orElseThrow().events().get(1).deliveries()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        view.retryScheduled("audit", start, 1, clock.instant().plusSeconds(2), "HTTP 503");
        DeliveryState retry = view.find("s").orElseThrow().events().get(0).deliveries().get("audit");
        assertThat(retry).isEqualTo(new DeliveryState(DeliveryState.State.RETRY_SCHEDULED, 1,
                clock.instant().plusSeconds(2), "HTTP 503", clock.instant()));

        view.delivered("audit", start, 2);
        assertThat(view.find("s").orElseThrow().events().get(0).deliveries().get("audit").state())
                .isEqualTo(DeliveryState.State.DELIVERED);
    }

    @Test
    void outcomesOfForgottenEventsAreIgnored() {
        SessionView view = view(10, Duration.ofHours(1), 1);
        WorkflowEvent first = event("s", "workflow_start");
        view.record(first);
        view.record(event("s", "workflow_complete"));
        view.failed("audit", first, 1, "HTTP 400");
        WorkflowEvent deleted = event("gone", "workflow_start");
        view.record(deleted);
        view.delete("gone");

        view.delivered("audit", deleted, 1);

        assertThat(view.summary("gone")).isEmpty();
        assertThat(view.find("s").orElseThrow().events()).singleElement()
                .satisfies(r -> assertThat(r.deliveries().get("audit").state()).isEqualTo(DeliveryState.State.PENDING));
    }

    @Test
    void anEventSeenTwiceIsRecordedOnce() {
        SessionView view = view(10, Duration.ofHours(1), 10);
        WorkflowEvent start = event("s", "workflow_start");

        view.record(start);
        view.record(start);

        assertThat(view.find("s").orElseThrow().events()).hasSize(1);
    }
}
