package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image tarball that {@code mvn package -Pimage} writes, read as {@code docker load} would read
 * it: its configuration and the files of its layers. Nothing is loaded or run (no container engine
 * here). Runs only with {@code -Pimage}; offline with {@code -Dimage.base=scratch}, in which case
 * the image has no JVM of its own and only what Switchboard adds is checked.
 */
class ContainerImageIT {

    private static final ImageFacts IMAGE = ImageFacts.fromBuild();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode config;
    /** Every file of every layer, the later layers' over the earlier ones'. */
    private static final Map<String, TarContents.Entry> files = new HashMap<>();

    @BeforeAll
    static void readTheImage() throws IOException {
        Path tarball = Path.of(ImageFacts.property("image.tar"));
        assertThat(tarball).as("the image tarball: build with -Pimage").exists();
        Map<String, TarContents.Entry> outer = TarContents.read(tarball);
        JsonNode manifest = JSON.readTree(outer.get("manifest.json").content()).get(0);
        assertThat(manifest.get("RepoTags").get(0).asText())
                .isEqualTo(IMAGE.name() + ":" + System.getProperty("project.version"));
        config = JSON.readTree(outer.get(manifest.get("Config").asText()).content());
        for (JsonNode layer : manifest.get("Layers")) {
            files.putAll(TarContents.read(outer.get(layer.asText()).content()));
        }
    }

    @Test
    void itRunsAsAUserOtherThanRoot() {
        String user = config.at("/config/User").asText();
        assertThat(user).isEqualTo(IMAGE.user() + ":" + ImageFacts.property("image.group"));
        assertThat(IMAGE.user()).isNotZero();
    }

    @Test
    void itStartsTheInstallationsLauncherServingOnItsExposedPortOnEveryAddress() {
        assertThat(strings(config.at("/config/Entrypoint"))).containsExactly(IMAGE.launcher());
        assertThat(strings(config.at("/config/Cmd")))
                .containsExactly("run", "--host", "0.0.0.0", "--port", String.valueOf(IMAGE.port()));
        assertThat(names(config.at("/config/ExposedPorts"))).containsExactly(IMAGE.port() + "/tcp");

        TarContents.Entry launcher = files.get(relative(IMAGE.launcher()));
        assertThat(launcher).as(IMAGE.launcher() + " in the image").isNotNull();
        assertThat(launcher.executable()).as(IMAGE.launcher() + " executable by anyone").isTrue();
        assertThat(launcher.content()).isEqualTo(read(DistributionIT.LAUNCHER));
    }

    @Test
    void theDataFolderIsAVolumeTheImagesUserCanWrite() {
        assertThat(names(config.at("/config/Volumes"))).containsExactly(IMAGE.data());
        assertThat(strings(config.at("/config/Env"))).contains("SWITCHBOARD_DATA=" + IMAGE.data());
        TarContents.Entry data = files.get(relative(IMAGE.data()));
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
        List<String> actual = files.values().stream().filter(entry -> !entry.directory())
                .map(TarContents.Entry::path).filter(path -> path.startsWith(home)).toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(files.keySet()).as("Jib's own copy of the class path (filtered out)")
                .noneMatch(path -> path.equals("app") || path.startsWith("app/"));
        assertThat(actual).as("the installation's plugins").anyMatch(path -> path.startsWith(
                relative(IMAGE.plugins()) + "/switchboard-plugin-webhook-"));
        assertThat(files.get(relative(IMAGE.configFile())).content())
                .isEqualTo(read(DistributionIT.DIST.resolve("conf/handlers.yaml")));
    }

    @Test
    void itsLabelsNameTheVersionLicenseMountPointsAndProbes() {
        JsonNode labels = config.at("/config/Labels");
        assertThat(labels.get("org.opencontainers.image.version").asText()).isEqualTo(System.getProperty("project.version"));
        assertThat(labels.get("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
        assertThat(labels.get("org.opencontainers.image.title").asText()).isEqualTo("Switchboard");
        assertThat(labels.get("org.opencontainers.image.base.name").asText()).isEqualTo(ImageFacts.property("image.base"));
        assertThat(labels.get("dev.switchboard.config").asText()).isEqualTo(IMAGE.configFile());
        assertThat(labels.get("dev.switchboard.plugins").asText()).isEqualTo(IMAGE.plugins());
        assertThat(labels.get("dev.switchboard.data").asText()).isEqualTo(IMAGE.data());
        assertThat(labels.get("dev.switchboard.liveness").asText()).isEqualTo("/healthz");
        assertThat(labels.get("dev.switchboard.readiness").asText()).isEqualTo("/readyz");
        assertThat(files).as("the mount points exist in the image")
                .containsKey(relative(IMAGE.configFile())).containsKey(relative(IMAGE.plugins()));
    }

    private static String relative(String absolute) {
        return absolute.replaceFirst("^/", "");
    }

    private static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(item -> list.add(item.asText()));
        return list;
    }

    private static List<String> names(JsonNode object) {
        List<String> list = new ArrayList<>();
        object.fieldNames().forEachRemaining(list::add);
        return list;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
