package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plugin-api's compatibility check (japicmp in plugin-api/pom.xml) at work: plugin-api's own build
 * (copies of the root POM, plugin-api's POM and its sources, at a version the test sets) runs against
 * a baseline release 1.0.0 put into a local repository of the test's own. The test adds a probe
 * interface to the API and changes it between the releases; the rest of the API is the real one.
 */
class PluginApiCompatibilityIT {

    private static final String BASELINE = "1.0.0";
    private static final String PROBE_PATH = "plugin-api/src/main/java/dev/switchboard/api/ApiCompatibilityProbe.java";

    private static final String PROBE = """
            package dev.switchboard.api;

            /** Part of the API only in this test's builds: an interface that plugins would implement. */
            public interface ApiCompatibilityProbe {
            %s}
            """;
    private static final String PROBE_AS_RELEASED = PROBE.formatted("""
                int answer();
            """);
    private static final String PROBE_WITH_A_DEFAULT_METHOD = PROBE.formatted("""
                int answer();

                default String question() {
                    return "six by nine";
                }
            """);
    private static final String PROBE_WITH_AN_ABSTRACT_METHOD = PROBE.formatted("""
                int answer();

                String question();
            """);
    private static final String PROBE_WITH_ITS_METHOD_REMOVED = PROBE.formatted("");

    private static NestedMaven maven;

    @TempDir
    Path work;

    /** Releases 1.0.0: built by the same configuration, which has no baseline yet, and says so. */
    @BeforeAll
    static void releaseTheBaseline(@TempDir Path release) throws Exception {
        maven = NestedMaven.shared();
        Path project = pluginApiAt(release, BASELINE, PROBE_AS_RELEASED);

        Launcher.Result build = verify(project, null);

        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.stdout()).contains("plugin-api compatibility: not checked, no previous release "
                + "(api.baseline.version is empty); the first release becomes the baseline");
        maven.install(NestedMaven.GROUP_ID, "switchboard-parent", BASELINE, project.resolve("pom.xml"), null);
        maven.install(NestedMaven.GROUP_ID, "switchboard-plugin-api", BASELINE, project.resolve("plugin-api/pom.xml"),
                project.resolve("plugin-api/target/switchboard-plugin-api-" + BASELINE + ".jar"));
    }

    @Test
    void anUnchangedApiWithAPatchVersionPasses() throws Exception {
        Launcher.Result build = verify(pluginApiAt(work, "1.0.1-SNAPSHOT", PROBE_AS_RELEASED), BASELINE);

        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.stdout()).contains("plugin-api compatibility: 1.0.1-SNAPSHOT against the release 1.0.0");
    }

    @Test
    void aDefaultMethodAddedWithAMinorVersionPasses() throws Exception {
        Launcher.Result build = verify(pluginApiAt(work, "1.1.0-SNAPSHOT", PROBE_WITH_A_DEFAULT_METHOD), BASELINE);

        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.stdout()).contains("plugin-api compatibility: 1.1.0-SNAPSHOT against the release 1.0.0");
    }

    @Test
    void aDefaultMethodAddedWithOnlyAPatchVersionFailsTheBuild() throws Exception {
        Launcher.Result build = verify(pluginApiAt(work, "1.0.1-SNAPSHOT", PROBE_WITH_A_DEFAULT_METHOD), BASELINE);

        assertThat(build.exitCode()).as(build.toString()).isNotZero();
        assertThat(build.stdout() + build.stderr())
                .contains("Versions of archives indicate a patch change but binary compatible changes found")
                .contains("dev.switchboard.api.ApiCompatibilityProbe.question()")
                .contains("METHOD_NEW_DEFAULT");
    }

    @Test
    void aRemovedMethodWithAMinorVersionFailsTheBuild() throws Exception {
        Launcher.Result build = verify(pluginApiAt(work, "1.1.0-SNAPSHOT", PROBE_WITH_ITS_METHOD_REMOVED), BASELINE);

        assertThat(build.exitCode()).as(build.toString()).isNotZero();
        assertThat(build.stdout() + build.stderr())
                .contains("Versions of archives indicate a minor change but binary incompatible changes found")
                .contains("Requires semantic version level MAJOR")
                .contains("dev.switchboard.api.ApiCompatibilityProbe.answer()")
                .contains("METHOD_REMOVED");
    }

    /** japicmp calls it minor; plugin-api's configuration makes it major, since every implementation breaks. */
    @Test
    void anAbstractMethodAddedToAnInterfaceWithAMinorVersionFailsTheBuild() throws Exception {
        Launcher.Result build = verify(pluginApiAt(work, "1.1.0-SNAPSHOT", PROBE_WITH_AN_ABSTRACT_METHOD), BASELINE);

        assertThat(build.exitCode()).as(build.toString()).isNotZero();
        assertThat(build.stdout() + build.stderr())
                .contains("Versions of archives indicate a minor change but binary incompatible changes found")
                .contains("Requires semantic version level MAJOR")
                .contains("dev.switchboard.api.ApiCompatibilityProbe.question()")
                .contains("METHOD_ADDED_TO_INTERFACE");
    }

    @Test
    void aRemovedMethodWithAMajorVersionPasses() throws Exception {
        Launcher.Result build = verify(pluginApiAt(work, "2.0.0-SNAPSHOT", PROBE_WITH_ITS_METHOD_REMOVED), BASELINE);

        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.stdout()).contains("plugin-api compatibility: 2.0.0-SNAPSHOT against the release 1.0.0");
    }

    /** Runs plugin-api's verify (tests, Javadoc and sources JARs left out: they are not what is checked here). */
    private static Launcher.Result verify(Path project, String baseline) throws Exception {
        Stream<String> args = Stream.of("verify", "-Dmaven.test.skip=true", "-Dmaven.javadoc.skip=true",
                "-Dmaven.source.skip=true");
        if (baseline != null) {
            args = Stream.concat(args, Stream.of("-Dapi.baseline.version=" + baseline));
        }
        return maven.run(project.resolve("plugin-api"), args.toArray(String[]::new));
    }

    /** The root POM and plugin-api (POM and main sources) copied into {@code dir} at {@code version}, with the probe. */
    private static Path pluginApiAt(Path dir, String version, String probe) throws IOException {
        copyPom(NestedMaven.REPO.resolve("pom.xml"), dir.resolve("pom.xml"), version);
        copyPom(NestedMaven.REPO.resolve("plugin-api/pom.xml"), dir.resolve("plugin-api/pom.xml"), version);
        copyTree(NestedMaven.REPO.resolve("plugin-api/src/main"), dir.resolve("plugin-api/src/main"));
        Files.writeString(dir.resolve(PROBE_PATH), probe);
        return dir;
    }

    /** Each POM names the project's version once (its own, or its parent's). */
    private static void copyPom(Path from, Path to, String version) throws IOException {
        String pom = Files.readString(from);
        String current = "<version>" + NestedMaven.VERSION + "</version>";
        assertThat(pom.split(current, -1)).as("%s names %s once", from, current).hasSize(2);
        Files.createDirectories(to.getParent());
        Files.writeString(to, pom.replace(current, "<version>" + version + "</version>"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }
}
