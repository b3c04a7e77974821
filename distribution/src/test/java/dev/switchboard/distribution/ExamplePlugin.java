package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds examples/third-party-handler the way its author would: a separate Maven project that
 * finds plugin-api, switchboard-plugin-parent and the test kit in the local repository (installed first, as a
 * plugin author does).
 */
final class ExamplePlugin {

    private ExamplePlugin() {
    }

    static Path build(Path repo, Path work) throws Exception {
        mvn(repo, work, "-q", "-f", repo.resolve("pom.xml").toString(), "-pl", "plugin-api,plugin-parent,plugin-test-kit", "-am",
                "install", "-DskipTests");
        Path project = repo.resolve("examples/third-party-handler");
        mvn(repo, work, "-q", "-f", project.resolve("pom.xml").toString(), "package", "-DskipTests");
        try (Stream<Path> jars = Files.list(project.resolve("target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("original-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the example built no JAR"));
        }
    }

    private static void mvn(Path repo, Path work, String... args) throws Exception {
        List<String> command = Stream.concat(Stream.of("mvn", "-B", "-ntp"), Stream.of(args)).toList();
        Launcher.Result result = Launcher.run(work, Map.of(), command);
        assertThat(result.exitCode()).as("%s\n%s", command, result).isZero();
    }
}
