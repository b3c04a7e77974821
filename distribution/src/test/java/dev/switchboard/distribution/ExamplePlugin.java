package dev.switchboard.distribution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Builds examples/third-party-handler the way its author would: a separate Maven project, built
 * with plain {@code mvn package}, that finds plugin-api, switchboard-plugin-parent and the test kit
 * in its local repository, which holds this build's Switchboard artifacts and Maven Central's
 * ({@link NestedMaven}; never the shared local repository, so no test installs anything there).
 */
final class ExamplePlugin {

    private ExamplePlugin() {
    }

    static Path build(Path repo, Path work) throws Exception {
        NestedMaven maven = NestedMaven.in(work.resolve("m2"), NestedMaven.Network.ONLINE).installSdk();
        Path project = repo.resolve("examples/third-party-handler");
        // Run from the test's folder: the launcher keeps the output files in the folder it runs in.
        maven.runSucceeding(work, "-q", "-f", project.resolve("pom.xml").toString(), "package", "-DskipTests");
        try (Stream<Path> jars = Files.list(project.resolve("target"))) {
            return jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("original-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the example built no JAR"));
        }
    }
}
