package dev.switchboard.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.WorkflowEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final String SEED = "{\"event_type\":\"step_complete\",\"timestamp\":\"2025-11-12T10:30:45.123456\","
            + "\"session_id\":\"a1b2c3d4-e5f6-7890\",\"spec_name\":\"research-workflow\",\"pattern_type\":\"chain\","
            + "\"data\":{\"step_index\":1,\"response\":\"Step output...\",\"duration_seconds\":2.5}}";

    @Test
    void theSeedsPayloadRoundTripsUnchanged() throws Exception {
        WorkflowEvent event = EventJson.parse(SEED);
        assertThat(event.data()).isEqualTo(Map.of("step_index", 1, "response", "Step output...", "duration_seconds",
                new BigDecimal("2.5")));
        assertThat(EventJson.write(event)).isEqualTo(SEED);
    }

    @Test
    void numbersReachTheEventExactlyAsWrittenHoweverLargeSmallOrLong() throws Exception {
        WorkflowEvent event = EventJson.parse("{\"event_type\":\"x\",\"data\":{\"huge\":1e999999,\"tiny\":-1E-999999,"
                + "\"pi\":3.14159265358979323846264338327950288,\"count\":123456789012345678901234567890,\"small\":7,"
                + "\"list\":[0.1,1e400]}}");
        assertThat(event.data()).isEqualTo(Map.of(
                "huge", new BigDecimal("1e999999"),
                "tiny", new BigDecimal("-1e-999999"),
                "pi", new BigDecimal("3.14159265358979323846264338327950288"),
                "count", new BigInteger("123456789012345678901234567890"),
                "small", 7,
                "list", List.of(new BigDecimal("0.1"), new BigDecimal("1e400"))));
        String written = EventJson.write(event);
        assertThat(written).contains("\"huge\":1E+999999", "\"tiny\":-1E-999999", "3.14159265358979323846264338327950288")
                .doesNotContain("Infinity");
        assertThat(EventJson.parse(written).data()).isEqualTo(event.data());
    }

    @Test
    void aNumberNoDecimalCanHoldIsRefusedNamingItsField() {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> EventJson.parse("{\"event_type\":\"x\",\"data\":{\"ok\":1,\"n\":{\"m\":1e99999999999}}}"));
        assertThat(e).isNotNull();
        assertThat(e.field()).isEqualTo("data.n.m");
        assertThat(e).hasMessageContaining("data.n.m");
        assertThat(field("{\"event_type\":\"x\",\"data\":{\"a\":1.5,\"b\" 2}}")).isNull();
        assertThat(field("{\"event_type\":\"x\",\"data\":{\"a\":1.5x}}")).isNull();
    }

    @Test
    void aNullSessionAndAMissingDataAreAccepted() throws Exception {
        WorkflowEvent event = EventJson.parse("{\"event_type\":\"workflow_start\",\"session_id\":null}");
        assertThat(event.sessionId()).isNull();
        assertThat(event.data()).isEmpty();
    }

    @Test
    void eachMistakeNamesItsField() {
        assertThat(field("{\"spec_name\":\"s\"}")).isEqualTo("event_type");
        assertThat(field("{\"event_type\":\"\"}")).isEqualTo("event_type");
        assertThat(field("{\"event_type\":7}")).isEqualTo("event_type");
        assertThat(field("{\"event_type\":\"x\",\"timestamp\":\"yesterday\"}")).isEqualTo("timestamp");
        assertThat(field("{\"event_type\":\"x\",\"data\":[1]}")).isEqualTo("data");
        assertThat(field("{\"event_type\":\"x\",\"spec_name\":{}}")).isEqualTo("spec_name");
        assertThat(field("[1]")).isNull();
        assertThat(field("{not json")).isNull();
    }

    @Test
    void timestampsAreReadWithOrWithoutAnOffsetAndImpossibleDatesAreRefused() throws Exception {
        for (String valid : new String[] {"2025-11-12T10:30:45.123456", "2025-11-12T10:30:45Z", "2025-11-12t10:30:45z",
                "2025-11-12T10:30:45.5+02:00", "2025-11-12T10:30"}) {
            WorkflowEvent event = EventJson.parse("{\"event_type\":\"x\",\"timestamp\":\"" + valid + "\"}");
            assertThat(event.timestamp()).isEqualTo(valid);
            assertThat(event.instant()).isNotNull();
        }
        for (String invalid : new String[] {"2025-13-12T10:30:45", "2025-02-30T10:30:45", "2025-11-12", "2025-11-12T10:30:45+25:00",
                "2025-11-12T10:30:45 UTC"}) {
            assertThat(field("{\"event_type\":\"x\",\"timestamp\":\"" + invalid + "\"}")).as(invalid).isEqualTo("timestamp");
        }
    }

    @Test
    void unknownFieldsAreIgnoredAndTheLastOfADuplicateWins() throws Exception {
        WorkflowEvent event = EventJson.parse("{\"extra\":{\"a\":[1,{\"b\":2}]},\"event_type\":\"x\",\"spec_name\":\"a\","
                + "\"spec_name\":\"b\",\"data\":{\"k\":[1,2.5,\"s\",null,true,{\"n\":{}}]}}");
        assertThat(event.specName()).isEqualTo("b");
        assertThat(event.data()).isEqualTo(Map.of("k", java.util.Arrays.asList(1, new BigDecimal("2.5"), "s", null, true,
                Map.of("n", Map.of()))));
    }

    @Test
    void aWrongTypeIsReportedBeforeAnInvalidTimestampAsBefore() {
        assertThat(field("{\"timestamp\":\"yesterday\",\"event_type\":[]}")).isEqualTo("event_type");
        assertThat(field("{\"pattern_type\":1,\"timestamp\":\"yesterday\",\"event_type\":\"x\"}")).isEqualTo("timestamp");
    }

    @Test
    void absurdNestingIsRejected() {
        String deep = "{\"event_type\":\"x\",\"data\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}";
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> EventJson.parse(deep));
        assertThat(e).hasMessageContaining("invalid JSON");
    }

    private static String field(String json) {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> EventJson.parse(json));
        assertThat(e).as(json).isNotNull();
        return e.field();
    }
}
