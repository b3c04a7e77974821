package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsANumberAndAUnit() {
        assertThat(Durations.parse("250ms")).contains(Duration.ofMillis(250));
        assertThat(Durations.parse("10s")).contains(Duration.ofSeconds(10));
        assertThat(Durations.parse("1.5s")).contains(Duration.ofMillis(1500));
        assertThat(Durations.parse("5m")).contains(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
    }

    @Test
    void refusesABareNumberOtherUnitsAndText() {
        assertThat(Durations.parse("10")).isEmpty();
        assertThat(Durations.parse("10 s")).isEmpty();
        assertThat(Durations.parse("1d")).isEmpty();
        assertThat(Durations.parse("-1s")).isEmpty();
        assertThat(Durations.parse("PT10S")).isEmpty();
        assertThat(Durations.parse("99999999999999999999h")).isEmpty();
    }

    @Test
    void itsProblemSaysHowToWriteOne() {
        assertThat(Durations.problem(" 'x'")).isEqualTo("bad duration 'x': write a number and a unit, e.g. 250ms, 10s, 5m");
    }
}
