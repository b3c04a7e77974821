package dev.switchboard.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PluginFailureTest {

    @Test
    void aFailedProviderReadsAsJarProviderAndReasonOnOneLine() {
        PluginFailure failure = new PluginFailure(Path.of("plugins", "bad.jar"),
                "com.x.BadFactory", "no public no-argument constructor");

        assertThat(failure).hasToString(
                "plugins/bad.jar: provider com.x.BadFactory: no public no-argument constructor");
    }

    @Test
    void aFailedJarReadsAsJarAndReason() {
        PluginFailure failure = new PluginFailure(Path.of("plugins", "old.jar"), null,
                "Plugin-Requires '>=9.0.0' is not satisfied by runtime 0.1.0");

        assertThat(failure).hasToString(
                "plugins/old.jar: Plugin-Requires '>=9.0.0' is not satisfied by runtime 0.1.0");
    }

    @Test
    void aFailedProviderOfTheHostNamesTheHostClassPath() {
        PluginFailure failure = new PluginFailure(null, "com.x.Missing", "class not found");

        assertThat(failure).hasToString("host class path: provider com.x.Missing: class not found");
    }
}
