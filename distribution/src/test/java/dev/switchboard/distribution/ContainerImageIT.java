package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image tarball that {@code mvn package -Pimage} writes: its configuration and the files of its
 * layers, read without a container engine. Runs only with {@code -Pimage}; offline with
 * {@code -Dimage.base=scratch} (an image without a JVM) or a saved base image
 * ({@code deploy/image/debian-jre-base.sh}), and {@link ContainerImageRunIT} runs the latter.
 */
class ContainerImageIT {

    private static final ImageFacts IMAGE = ImageFacts.fromBuild();

    private static ContainerImage image;

    @BeforeAll
    static void readTheImage() throws IOException {
        image = ContainerImage.built();
        assertThat(image.tag).isEqualTo(IMAGE.name() + ":" + System.getProperty("project.version"));
    }

    @Test
    void itRunsAsAUserOtherThanRoot() {
        String user = image.config.at("/config/User").asText();
        assertThat(user).isEqualTo(IMAGE.user() + ":" + ImageFacts.property("image.group"));
        assertThat(IMAGE.user()).isNotZero();
    }

    @Test
    void itStartsTheInstallationsLauncherServingOnItsExposedPortOnEveryAddress() {
        assertThat(image.strings("/config/Entrypoint")).containsExactly(IMAGE.launcher());
        assertThat(image.strings("/config/Cmd"))
                .containsExactly("run", "--host", "0.0.0.0", "--port", String.valueOf(IMAGE.port()));
        assertThat(image.names("/config/ExposedPorts")).containsExactly(IMAGE.port() + "/tcp");

        TarContents.Entry launcher = image.file(IMAGE.launcher());
        assertThat(launcher).as(IMAGE.launcher() + " in the image").isNotNull();
        assertThat(launcher.executable()).as(IMAGE.launcher() + " executable by anyone").isTrue();
        assertThat(launcher.content()).isEqualTo(read(DistributionIT.LAUNCHER));
    }

    @Test
    void theDataFolderIsAVolumeTheImagesUserCanWrite() {
        assertThat(image.names("/config/Volumes")).containsExactly(IMAGE.data());
        assertThat(image.strings("/config/Env")).contains("SWITCHBOARD_DATA=" + IMAGE.data());
        TarContents.Entry data = image.file(IMAGE.data());
        assertThat(data).as(IMAGE.data() + " in the image").isNotNull();
        assertThat(data.directory()).isTrue();
        assertThat(data.gid()).isEqualTo(Long.parseLong(ImageFacts.property("image.group")));
        assertThat(data.mode() & 070).as("group may write and enter the data folder").isEqualTo(070);
    }

    @Test
    void itHoldsTheWholeInstallationAndNothingElseOfTheBuild() throws IOException {
        List<String> expected = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(DistributionIT.DIST)) {
            walk.filter(Files::isRegularFile).map(file -> DistributionIT.DIST.relativize(file).toString())
                    .filter(path -> !path.startsWith("data/") && !path.matches("lib/.*\\.jsa(\\..*\\.tmp)?"))
                    .forEach(path -> expected.add(relative(IMAGE.home()) + "/" + path));
        }
        String home = relative(IMAGE.home()) + "/";
        List<String> actual = image.files.values().stream().filter(entry -> !entry.directory())
                .map(TarContents.Entry::path).filter(path -> path.startsWith(home)).toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(image.files.keySet()).as("Jib's own copy of the class path (filtered out)")
                .noneMatch(path -> path.equals("app") || path.startsWith("app/"));
        assertThat(actual).as("the installation's plugins").anyMatch(path -> path.startsWith(
                relative(IMAGE.plugins()) + "/switchboard-plugin-webhook-"));
        assertThat(image.file(IMAGE.configFile()).content())
                .isEqualTo(read(DistributionIT.DIST.resolve("conf/handlers.yaml")));
    }

    @Test
    void itsLabelsNameTheVersionLicenseMountPointsAndProbes() {
        JsonNode labels = image.config.at("/config/Labels");
        assertThat(labels.get("org.opencontainers.image.version").asText()).isEqualTo(System.getProperty("project.version"));
        assertThat(labels.get("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
        assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("Switchboard");
        assertThat(labels.get("org.opencontainers.image.base.name").asText()).isEqualTo(ImageFacts.property("image.base"));
        assertThat(labels.get("dev.switchboard.config").asText()).isEqualTo(IMAGE.configFile());
        assertThat(labels.get("dev.switchboard.plugins").asText()).isEqualTo(IMAGE.plugins());
        assertThat(labels.get("dev.switchboard.data").asText()).isEqualTo(IMAGE.data());
        assertThat(labels.get("dev.switchboard.liveness").asText()).isEqualTo("/healthz");
        assertThat(labels.get("dev.switchboard.readiness").asText()).isEqualTo("/readyz");
        assertThat(image.files).as("the mount points exist in the image")
                .containsKey(relative(IMAGE.configFile())).containsKey(relative(IMAGE.plugins()));
    }

    private static String relative(String absolute) {
        return absolute.replaceFirst("^/", "");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
