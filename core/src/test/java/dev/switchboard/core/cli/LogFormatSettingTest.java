package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFormatSettingTest {

    @Test
    void theCommandLineWinsOverTheEnvironmentInEitherSpelling() {
        assertThat(LogFormatSetting.requested(new String[] {"run", "--log-format", "JSON"}, "text")).isEqualTo("json");
        assertThat(LogFormatSetting.requested(new String[] {"run", "--log-format=text"}, "json")).isEqualTo("text");
        assertThat(LogFormatSetting.requested(new String[] {"run"}, "Json")).isEqualTo("json");
        assertThat(LogFormatSetting.requested(new String[] {"run", "--", "--log-format", "json"}, null)).isNull();
    }

    @Test
    void anUnknownFormatIsOneLineNamingTheKnownOnes() {
        assertThat(LogFormatSetting.problem(null)).isNull();
        assertThat(LogFormatSetting.problem("json")).isNull();
        assertThat(LogFormatSetting.problem("xml")).isEqualTo("switchboard: log format 'xml' (--log-format or"
                + " SWITCHBOARD_LOG_FORMAT) is not one of text, json");
    }

    @Test
    void everyCommandTakesTheOptionAndShowsItInItsHelp() {
        CommandRun help = CommandRun.of("validate", "--help");
        assertThat(help.stdout()).contains("--log-format=text|json");
    }
}
