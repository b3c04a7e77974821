package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.server.SwitchboardServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conf/switchboard.service as the tarball ships it, checked against the tarball's layout and the server. */
class SystemdUnitIT {

    /** Where the unit expects the unpacked tarball (a link to switchboard-VERSION). */
    private static final String HOME = "/opt/switchboard";
    private static final String DATA = "/var/lib/switchboard";
    private static final String TOP = "switchboard-" + System.getProperty("project.version") + "/";

    private static Map<String, TarContents.Entry> tarball;
    private static String unitText;
    private static SystemdUnit unit;

    @TempDir
    Path work;

    @BeforeAll
    static void readTheTarball() throws Exception {
        tarball = TarContents.read(DistributionIT.TARBALL);
        TarContents.Entry entry = tarball.get(TOP + "conf/switchboard.service");
        assertThat(entry).as("conf/switchboard.service in " + DistributionIT.TARBALL).isNotNull();
        unitText = entry.text();
        unit = new SystemdUnit(unitText);
    }

    @Test
    void theServiceRunsTheTarballsLauncherAsAnUnprivilegedUserWithItsDataInVarLib() {
        assertThat(unit.get("Service.User")).isNotBlank().isNotIn("root", "0");
        List<String> command = List.of(unit.get("Service.ExecStart").split("\\s+"));
        assertThat(command).containsExactly(HOME + "/bin/switchboard", "run", "--data", DATA);

        TarContents.Entry launcher = tarball.get(TOP + "bin/switchboard");
        assertThat(launcher).as("bin/switchboard in the tarball").isNotNull();
        assertThat(launcher.executable()).as("bin/switchboard executable").isTrue();
        assertThat("/var/lib/" + unit.get("Service.StateDirectory"))
                .as("StateDirectory: systemd makes the data folder, owned by the service's user").isEqualTo(DATA);
        assertThat(unit.get("Service.ProtectSystem")).isEqualTo("strict");
    }

    @Test
    void everyPathOfTheInstallationThatTheUnitNamesIsInTheTarball() {
        Matcher matcher = Pattern.compile(Pattern.quote(HOME) + "/([^\\s\"']+)").matcher(unitText);
        int named = 0;
        while (matcher.find()) {
            named++;
            assertThat(tarball).as(HOME + "/" + matcher.group(1)).containsKey(TOP + matcher.group(1));
        }
        assertThat(named).isGreaterThanOrEqualTo(2);
    }

    @Test
    void itRestartsAfterAFailureButNotAfterAConfigurationError() {
        assertThat(unit.get("Service.Restart")).isEqualTo("on-failure");
        assertThat(unit.get("Service.RestartPreventExitStatus").split("\\s+")).contains("2");
        assertThat(unit.get("Install.WantedBy")).isEqualTo("multi-user.target");
    }

    @Test
    void theStopTimeoutCoversTheDrainAndShutdownGraceOfTheTarballsConfig() throws Exception {
        String config = tarball.get(TOP + "conf/handlers.yaml").text();
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        Duration drainAndShutdown;
        try (SwitchboardServer server = SwitchboardServer.builder().configText(config).environment(Map.of())
                .pluginsDir(plugins).dataDir(work.resolve("data")).host("127.0.0.1").port(0).start()) {
            drainAndShutdown = server.drain().plus(server.shutdownGrace());
        }
        Duration stop = unit.timeSpan("Service.TimeoutStopSec");
        assertThat(stop.minus(drainAndShutdown)).as("TimeoutStopSec - drain - shutdown (time to close handlers)")
                .isBetween(Duration.ofSeconds(5), Duration.ofSeconds(30));
    }
}
