package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.distribution.RecordingReceiver.Answer;
import dev.switchboard.distribution.RecordingReceiver.Arrival;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules {@link ArrivalAudit} checks a crash test's records by, on hand-made timelines (times in ms). */
class ArrivalAuditTest {

    private static final ArrivalAudit.Rules RULES = new ArrivalAudit.Rules(Duration.ofMillis(50), 2,
            Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2));

    private static Arrival arrival(long seq, String id, long atMillis, Answer answer) {
        return new Arrival(seq, id, ms(atMillis), ms(atMillis + 10), answer, true);
    }

    private static long ms(long millis) {
        return millis * 1_000_000L;
    }

    private static ArrivalAudit.Report audit(List<Kill> kills, Arrival... arrivals) {
        return new ArrivalAudit(RULES, kills, 0).audit(List.of(arrivals));
    }

    @Test
    void aRetryAfterItsBackoffAndOneDeliveryAreClean() {
        ArrivalAudit.Report report = audit(List.of(), arrival(1, "a", 0, Answer.UNAVAILABLE), arrival(1, "a", 60, Answer.OK),
                arrival(2, "b", 5, Answer.OK));

        assertThat(report.violations()).isEmpty();
        assertThat(report.delivered()).isEqualTo(2);
        assertThat(report.duplicates()).isZero();
        assertThat(report.retriesChecked()).isEqualTo(1);
        assertThat(report.deliveredIds()).containsOnlyKeys(1L, 2L);
    }

    @Test
    void aRetryBeforeItsBackoffIsAViolationWithItsTimeline() {
        ArrivalAudit.Report report = audit(List.of(), arrival(1, "a", 0, Answer.UNAVAILABLE), arrival(1, "a", 40, Answer.OK));

        assertThat(report.violations()).singleElement().asString()
                .contains("seq 1, webhook-id a: attempt 2 came 20 ms before its retry time (50 ms after the 503)")
                .contains("0 ms: seq 1 arrived, answered 503 at 10 ms").contains("40 ms: seq 1 arrived, answered 200");
    }

    @Test
    void theBackoffGrowsWithTheAttemptsTheStoreSurelyCounted() {
        // After two 503s the wait is 100 ms: at 95 ms after the second answer it is early.
        ArrivalAudit.Report report = audit(List.of(), arrival(1, "a", 0, Answer.UNAVAILABLE),
                arrival(1, "a", 100, Answer.UNAVAILABLE), arrival(1, "a", 205, Answer.OK));

        assertThat(report.violations()).singleElement().asString().contains("attempt 3 came 5 ms before its retry time (100 ms");
    }

    @Test
    void aRetryAfterA429WaitsForRetryAfterAlsoAcrossAKillLongAfterTheAnswer() {
        Kill longAfter = new Kill(ms(2_000), ms(2_050));

        ArrivalAudit.Report report = audit(List.of(longAfter), arrival(1, "a", 0, Answer.TOO_MANY),
                arrival(1, "a", 3_000, Answer.OK));

        assertThat(report.violations()).singleElement().asString().contains("(5000 ms after the 429)")
                .contains("2000 ms: SIGKILL, dead at 2050 ms");
        assertThat(report.retriesAcrossKill()).isEqualTo(1);
    }

    @Test
    void anEarlyRetryOfAnAttemptInFlightAtAKillIsAResumedDelivery() {
        Kill rightAfterTheAnswer = new Kill(ms(500), ms(520));

        ArrivalAudit.Report report = audit(List.of(rightAfterTheAnswer), arrival(1, "a", 0, Answer.TOO_MANY),
                arrival(1, "a", 2_000, Answer.OK));

        assertThat(report.violations()).isEmpty();
        assertThat(report.resumedEarly()).isEqualTo(1);
        assertThat(report.retriesChecked()).isZero();
    }

    @Test
    void aDuplicateIsExplainedOnlyByAKillWhileTheDeliveredAttemptWasInFlight() {
        Kill whileInFlight = new Kill(ms(5), ms(30));
        Kill laterOn = new Kill(ms(3_000), ms(3_050));

        ArrivalAudit.Report explained = audit(List.of(whileInFlight), arrival(1, "a", 0, Answer.OK),
                arrival(1, "a", 4_000, Answer.OK));
        ArrivalAudit.Report unexplained = audit(List.of(laterOn), arrival(1, "a", 0, Answer.OK),
                arrival(1, "a", 4_000, Answer.OK));

        assertThat(explained.violations()).isEmpty();
        assertThat(explained.duplicates()).isEqualTo(1);
        assertThat(unexplained.violations()).singleElement().asString()
                .contains("sent again after a 200 with no kill while that attempt was in flight");
    }

    private static Arrival from(String runtime, long seq, String id, long atMillis, Answer answer) {
        return new Arrival(seq, id, runtime, ms(atMillis), ms(atMillis + 10), answer, true);
    }

    @Test
    void withSeveralRuntimesADuplicateIsExplainedOnlyByAKillOfTheRuntimeThatSentTheEarlier200() {
        Kill ofA = new Kill("a.1", ms(5), ms(30));
        Kill ofB = new Kill("b.1", ms(5), ms(30));

        ArrivalAudit.Report explained = audit(List.of(ofA), from("a.1", 1, "x", 0, Answer.OK),
                from("b.1", 1, "x", 4_000, Answer.OK));
        ArrivalAudit.Report unexplained = audit(List.of(ofB), from("a.1", 1, "x", 0, Answer.OK),
                from("c.1", 1, "x", 4_000, Answer.OK));

        assertThat(explained.violations()).isEmpty();
        assertThat(explained.duplicatesByRuntime()).containsExactly(org.assertj.core.api.Assertions.entry("a.1", 1));
        assertThat(unexplained.violations()).singleElement().asString()
                .contains("sent again after a 200 with no kill while that attempt was in flight")
                .contains("0 ms: seq 1 arrived from a.1, answered 200").contains("SIGKILL of b.1");
        assertThat(unexplained.duplicatesByRuntime()).containsOnlyKeys("a.1");
    }

    @Test
    void aKillOfAnotherRuntimeDoesNotExcuseAnEarlyRetry() {
        Kill ofB = new Kill("b.1", ms(5), ms(30));

        ArrivalAudit.Report report = audit(List.of(ofB), from("a.1", 1, "x", 0, Answer.UNAVAILABLE),
                from("a.1", 1, "x", 40, Answer.OK));

        assertThat(report.resumedEarly()).isZero();
        assertThat(report.violations()).singleElement().asString().contains("attempt 2 came 20 ms before its retry time");
    }

    @Test
    void aRequestFromANamedRuntimeAfterItsKillIsAViolation() {
        Kill ofA = new Kill("a.1", ms(100), ms(120));

        ArrivalAudit.Report report = audit(List.of(ofA), from("a.1", 1, "x", 2_000, Answer.OK),
                from("a.2", 2, "y", 2_000, Answer.OK));

        assertThat(report.violations()).singleElement().asString()
                .contains("seq 1, webhook-id x: arrived from runtime a.1 after it was killed");
    }

    @Test
    void aRequestReadJustAfterTheProcessDiedWasStillInFlight() {
        Kill justBefore = new Kill(ms(900), ms(950));

        ArrivalAudit.Report report = audit(List.of(justBefore), arrival(1, "a", 1_000, Answer.OK),
                arrival(1, "a", 3_000, Answer.OK));

        assertThat(report.violations()).isEmpty();
    }

    @Test
    void anAnswerThatCouldNotBeWrittenNeedsAKill() {
        Arrival cut = new Arrival(1, "a", 0, ms(10), Answer.OK, false);

        ArrivalAudit.Report report = audit(List.of(), cut, arrival(1, "a", 100, Answer.OK));

        assertThat(report.violations()).singleElement().asString().contains("could not be written");
    }

    @Test
    void oneWebhookIdCarryingTwoSeqsIsAViolation() {
        ArrivalAudit.Report report = audit(List.of(), arrival(1, "a", 0, Answer.UNAVAILABLE), arrival(2, "a", 100, Answer.OK));

        assertThat(report.violations()).anySatisfy(v -> assertThat(v).contains("webhook-id a carried more than one seq"));
    }

    @Test
    void idsAreCollectedPerSeqAndDeliveredOnlyWhenAnswered200() {
        ArrivalAudit.Report report = audit(List.of(), arrival(1, "a", 0, Answer.OK), arrival(1, "b", 5, Answer.UNAVAILABLE));

        assertThat(report.ids().get(1L)).containsExactly("a", "b");
        assertThat(report.deliveredIds().get(1L)).containsExactly("a");
        assertThat(report.deliveries()).isEqualTo(2);
        assertThat(report.delivered()).isEqualTo(1);
    }
}
