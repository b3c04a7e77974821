package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log check itself: it must find a secret in any line and never print the secret it found. */
class SecretScanTest {

    @TempDir
    Path work;

    @Test
    void aLineCarryingASecretIsFoundByFileLineAndPositionWithoutTheSecret() throws Exception {
        Path err = Files.writeString(work.resolve("err.txt"), "starting\nWARN delivery failed: Bearer tok-live-42 refused\n");
        Path out = Files.writeString(work.resolve("out.txt"), "https://hooks.example/T0/B0/xoxsecretpath\n");

        assertThat(SecretScan.findings(Map.of(err, "stderr of run"), Set.of("tok-live-42")))
                .containsExactly("stderr of run (" + err + ") line 2: secret #1 (11 characters)");
        assertThat(SecretScan.findings(Map.of(out, "stdout of run"), Set.of("/T0/B0/xoxsecretpath")))
                .singleElement().asString().doesNotContain("xoxsecretpath");
    }

    @Test
    void theScanWatchesEveryTestOfThisModuleWithoutBeingAskedTo() {
        assertThat(SecretScan.runningTest()).isEqualTo("theScanWatchesEveryTestOfThisModuleWithoutBeingAskedTo()");
    }

    @Test
    void cleanOutputAndAMissingFileHaveNoFindings() throws Exception {
        Path err = Files.writeString(work.resolve("err.txt"), "switchboard: stopped; every delivery finished\n");

        assertThat(SecretScan.findings(Map.of(err, "stderr", work.resolve("never-written"), "stdout"),
                Set.of("tok-live-42"))).isEmpty();
    }

    @Test
    void secretLookingEnvironmentVariablesAreTakenOthersAreNot() {
        SecretScan.environment(Map.of("HOOK_TOKEN", "t-1", "SENTRY_DSN", "d-1", "SWITCHBOARD_API_KEY", "k-1",
                "SLACK_WEBHOOK_URL", "w-1", "SWITCHBOARD_LOG_LEVEL", "DEBUG"));

        assertThat(SecretScan.secretCount()).isEqualTo(4);
    }
}
