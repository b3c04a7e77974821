package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLevelSettingTest {

    @ParameterizedTest
    @ValueSource(strings = {"INFO", "debug", "Warn", "ERROR", "trace", "OFF", "all", " info "})
    void everyLevelLogbackKnowsIsAccepted(String value) {
        assertThat(LogLevelSetting.problem(value)).isNull();
    }

    @Test
    void anUnsetVariableMeansTheDefault() {
        assertThat(LogLevelSetting.problem(null)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LOUD", "verbose", "INF", "", "3"})
    void anythingElseIsAnErrorNamingTheValidLevels(String value) {
        assertThat(LogLevelSetting.problem(value)).isEqualTo("switchboard: SWITCHBOARD_LOG_LEVEL=" + value
                + " is not a log level; use one of TRACE, DEBUG, INFO, WARN, ERROR, OFF, ALL (default INFO)");
    }
}
