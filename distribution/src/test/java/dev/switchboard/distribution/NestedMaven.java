package dev.switchboard.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs Maven as a separate process on a test's own project, offline, with a local repository of
 * the tests' own: nothing is installed into the shared one. What a nested build needs besides
 * Switchboard comes from the outer build's local repository, read through a {@code file://} mirror
 * (releases only, so an old Switchboard snapshot lying there is never picked up); Switchboard's own
 * artifacts are put into the nested repository from this build's modules, or by the test.
 */
final class NestedMaven {

    static final String GROUP_ID = "dev.switchboard";
    static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    static final Path REPO = Path.of(System.getProperty("switchboard.repo")).toAbsolutePath().normalize();

    private final Path repository;
    private final Path settings;

    private NestedMaven(Path home, Path outerRepository) throws IOException {
        this.repository = home.resolve("repository");
        this.settings = home.resolve("settings.xml");
        Files.createDirectories(repository);
        Files.writeString(settings, settings(outerRepository.toUri().toString()));
    }

    /** The nested repository of this module's tests: in target/, so a second run copies less (mvn clean empties it). */
    static NestedMaven shared() throws IOException {
        Path home = Path.of(System.getProperty("nested.maven.dir", "target/nested-maven")).toAbsolutePath();
        Path outer = Path.of(System.getProperty("outer.repository", System.getProperty("user.home") + "/.m2/repository"));
        return new NestedMaven(home, outer);
    }

    /**
     * Runs {@code mvn} in {@code project} with these arguments (goals and {@code -D} options), bounded
     * by {@link Launcher#run}'s wait.
     */
    Launcher.Result run(Path project, String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("mvn", "-B", "-ntp", "-o",
                "-s", settings.toString(),
                "-Dmaven.repo.local=" + repository,
                // Offline, yet the mirror (a folder) may be read.
                "-Daether.offline.protocols=file"), Stream.of(args)).toList();
        // Short builds: the JIT's first tier is enough, and starts faster.
        return Launcher.run(project, Map.of("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"), command);
    }

    /** Puts one module of this build (its POM, and its packaged JAR unless it is a POM) into the nested repository. */
    void installFromThisBuild(String module, String artifactId, boolean hasJar) throws IOException {
        Path moduleDir = REPO.resolve(module);
        Path jar = null;
        if (hasJar) {
            jar = moduleDir.resolve("target").resolve(artifactId + "-" + VERSION + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError(jar + " is missing: package the module first (mvn -pl distribution -am verify)");
            }
        }
        install(GROUP_ID, artifactId, VERSION, moduleDir.resolve("pom.xml"), jar);
    }

    /** Installs as {@code mvn install} would place it: the POM, and the JAR when there is one. */
    void install(String groupId, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        String base = artifactId + "-" + version;
        Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Every repository, including those that dependencies' POMs declare, is served by the outer local
     * repository. It keeps no checksum files, hence the policy "ignore".
     */
    private static String settings(String outerRepositoryUrl) {
        String repository = """
                <id>central</id><url>%s</url>
                <releases><checksumPolicy>ignore</checksumPolicy></releases>
                <snapshots><enabled>false</enabled></snapshots>""".formatted(outerRepositoryUrl);
        return """
                <settings>
                  <mirrors>
                    <mirror><id>outer-local-repository</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                  <profiles>
                    <profile>
                      <id>outer-local-repository</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(outerRepositoryUrl, repository, repository);
    }
}
