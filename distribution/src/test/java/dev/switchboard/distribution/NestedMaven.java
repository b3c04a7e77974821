package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs Maven as a separate process on a test's project folder, with a local repository of its own,
 * and hands back the exit code and what it printed (bounded by {@link Launcher#run}'s wait; the
 * output is there for failure messages).
 *
 * <p>What it isolates, and why:
 * <ul>
 *   <li>The shared local repository (~/.m2) is never written: a nested build installs, downloads and
 *       resolves into this repository only, so no test leaves its artifacts where other builds on the
 *       machine would pick them up.
 *   <li>Switchboard's artifacts come from this build only: {@link #installSdk} and {@link #install}
 *       put them in, as {@code mvn install} lays them out, and {@link #switchboardFilesBeyondInstalled}
 *       names any that came from elsewhere. The outer repository is read with its snapshots off, so a
 *       stale Switchboard SNAPSHOT lying there is never used.
 *   <li>Everything else (Maven Central's artifacts) is read, read-only, from the outer build's local
 *       repository: a {@code settings.xml} gives the id {@code central} its folder's URL, with checksums
 *       ignored (a local repository keeps none). No network is needed once the outer build has run.
 * </ul>
 *
 * <p>The options: where the local repository lives (a test's temporary folder, a machine as fresh as a
 * plugin author's, or {@link #shared()}, kept in target/ across runs), and {@link Network}.
 */
final class NestedMaven {

    /** Whether the nested Maven may reach repositories other than the outer local repository. */
    enum Network {
        /**
         * {@code mvn -o}; every repository, those that dependencies' POMs declare too, is mirrored to
         * the outer local repository, since offline Maven reads folders only.
         */
        OFFLINE,
        /** Maven as a plugin author runs it: central is the outer local repository, other repositories as declared. */
        ONLINE
    }

    static final String GROUP_ID = "dev.switchboard";
    static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    static final Path REPO = Path.of(System.getProperty("switchboard.repo")).toAbsolutePath().normalize();

    /** Module folder (from the repository root) and artifactId of each artifact a plugin author builds with. */
    private static final List<String[]> SDK = List.of(
            new String[] {".", "switchboard-parent"},
            new String[] {"plugin-api", "switchboard-plugin-api"},
            new String[] {"core", "switchboard-core"},
            new String[] {"plugin-parent", "switchboard-plugin-parent"},
            new String[] {"plugin-test-kit", "switchboard-plugin-test-kit"},
            new String[] {"plugin-archetype", "switchboard-plugin-archetype"});

    private final Network network;
    private final Path repository;
    private final Path settings;
    private final List<Path> installed = new ArrayList<>();

    private NestedMaven(Path home, Network network) throws IOException {
        this.network = network;
        this.repository = Files.createDirectories(home.resolve("repository"));
        Path outer = Path.of(System.getProperty("outer.repository", System.getProperty("user.home") + "/.m2/repository"));
        this.settings = Files.writeString(home.resolve("settings.xml"), settings(outer.toUri().toString(), network));
    }

    /**
     * @param home a folder of the test's for the local repository and the settings (created if missing)
     */
    static NestedMaven in(Path home, Network network) throws IOException {
        return new NestedMaven(home, network);
    }

    /** Offline, in this module's target/, so a second run copies less (mvn clean empties it). */
    static NestedMaven shared() throws IOException {
        return in(Path.of(System.getProperty("nested.maven.dir", "target/nested-maven")).toAbsolutePath(),
                Network.OFFLINE);
    }

    /**
     * Runs {@code mvn} in {@code project} with these arguments (goals and {@code -D} options), bounded
     * by {@link Launcher#run}'s wait.
     */
    Launcher.Result run(Path project, String... args) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.concat(
                Stream.of("mvn", "-B", "-ntp", "-s", settings.toString(), "-Dmaven.repo.local=" + repository),
                // Offline, yet the outer repository (a folder) may be read.
                network == Network.OFFLINE ? Stream.of("-o", "-Daether.offline.protocols=file") : Stream.of()),
                Stream.of(args)).toList();
        // Short builds: the JIT's first tier is enough, and starts faster.
        return Launcher.run(project, Map.of("MAVEN_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"), command);
    }

    /** {@link #run}, failing the test with Maven's output unless it exits 0. */
    Launcher.Result runSucceeding(Path project, String... args) throws IOException, InterruptedException {
        Launcher.Result result = run(project, args);
        assertThat(result.exitCode())
                .as("mvn %s in %s\n(an artifact missing from central? it is read from the outer build's local "
                        + "repository: build once online)\n%s", List.of(args), project, result)
                .isZero();
        return result;
    }

    /** Puts every artifact a plugin author builds with, from this build's modules, into the repository. */
    NestedMaven installSdk() throws IOException {
        for (String[] module : SDK) {
            installFromThisBuild(module[0], module[1]);
        }
        return this;
    }

    /** Puts one module of this build (its POM, and its packaged JAR unless it is a POM) into the repository. */
    void installFromThisBuild(String module, String artifactId) throws IOException {
        Path moduleDir = REPO.resolve(module);
        Path pom = moduleDir.resolve("pom.xml");
        Path jar = null;
        if (!Files.readString(pom).contains("<packaging>pom</packaging>")) {
            jar = moduleDir.resolve("target").resolve(artifactId + "-" + VERSION + ".jar");
            if (!Files.isRegularFile(jar)) {
                throw new AssertionError(jar + " is missing: package the module first (mvn -pl distribution -am verify)");
            }
        }
        install(GROUP_ID, artifactId, VERSION, pom, jar);
    }

    /** Installs as {@code mvn install} would place it: the POM, and the JAR when there is one. */
    void install(String groupId, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version));
        String base = artifactId + "-" + version;
        installed.add(Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING));
        if (jar != null) {
            installed.add(Files.copy(jar, dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING));
        }
    }

    /** @return files under dev/switchboard of the repository that this object did not install */
    List<Path> switchboardFilesBeyondInstalled() throws IOException {
        try (Stream<Path> files = Files.walk(repository.resolve(GROUP_ID.replace('.', '/')))) {
            return files.filter(Files::isRegularFile).filter(file -> !installed.contains(file)).toList();
        }
    }

    /**
     * Central's id, so that the outer repository replaces the built-in one, for plugins too; offline,
     * a mirror of every repository as well.
     */
    private static String settings(String outerRepositoryUrl, Network network) {
        String repository = """
                <id>central</id><url>%s</url>
                <releases><checksumPolicy>ignore</checksumPolicy></releases>
                <snapshots><enabled>false</enabled></snapshots>""".formatted(outerRepositoryUrl);
        String mirrors = network == Network.OFFLINE ? """
                <mirrors>
                  <mirror><id>outer-local-repository</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                </mirrors>""".formatted(outerRepositoryUrl) : "";
        return """
                <settings>
                  %s
                  <profiles>
                    <profile>
                      <id>outer-local-repository</id>
                      <repositories><repository>%s</repository></repositories>
                      <pluginRepositories><pluginRepository>%s</pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>outer-local-repository</activeProfile></activeProfiles>
                </settings>
                """.formatted(mirrors, repository, repository);
    }
}
