package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Maven as a plugin author on a fresh machine has it, after installing Switchboard from the
 * repository root: a local repository of its own that holds only this build's Switchboard artifacts
 * (installed into it here, as {@code mvn install} lays them out), and Maven Central for everything
 * else. Central is read from the outer build's local repository through a {@code settings.xml}, so
 * no network is needed once that build has run; its snapshots are off, so a stale Switchboard
 * SNAPSHOT lying in the outer repository can never be used ({@link #switchboardFilesBeyondInstalled}
 * checks that none came in).
 */
final class AuthorMaven {

    /** Module folder (from the repository root) and artifactId of each artifact a plugin author builds with. */
    private static final List<String[]> SDK = List.of(
            new String[] {".", "switchboard-parent"},
            new String[] {"plugin-api", "switchboard-plugin-api"},
            new String[] {"core", "switchboard-core"},
            new String[] {"plugin-parent", "switchboard-plugin-parent"},
            new String[] {"plugin-test-kit", "switchboard-plugin-test-kit"},
            new String[] {"plugin-archetype", "switchboard-plugin-archetype"});

    private final Path localRepository;
    private final Path settings;
    private final List<Path> installed;

    private AuthorMaven(Path localRepository, Path settings, List<Path> installed) {
        this.localRepository = localRepository;
        this.settings = settings;
        this.installed = installed;
    }

    /**
     * @param repoRoot the Switchboard repository, built up to this module (its modules' JARs in target/)
     * @param version the version this build made
     * @param outerRepository the outer build's local repository, which stands in for Maven Central
     * @param dir an empty folder for the local repository and the settings
     */
    static AuthorMaven create(Path repoRoot, String version, Path outerRepository, Path dir) throws IOException {
        Path repository = Files.createDirectories(dir.resolve("repository"));
        List<Path> installed = new java.util.ArrayList<>();
        for (String[] module : SDK) {
            installed.addAll(install(repoRoot.resolve(module[0]), module[1], version, repository));
        }
        Path settings = Files.writeString(dir.resolve("settings.xml"), settings(outerRepository));
        return new AuthorMaven(repository, settings, List.copyOf(installed));
    }

    /** Copies the module's POM and, unless it is a POM-only module, its JAR, where {@code mvn install} puts them. */
    private static List<Path> install(Path module, String artifactId, String version, Path repository)
            throws IOException {
        Path target = Files.createDirectories(repository.resolve("dev/switchboard").resolve(artifactId).resolve(version));
        String base = artifactId + "-" + version;
        Path pom = Files.copy(module.resolve("pom.xml"), target.resolve(base + ".pom"));
        Path jar = module.resolve("target").resolve(base + ".jar");
        if (!Files.readString(pom).contains("<packaging>pom</packaging>")) {
            assertThat(jar).as("built by this reactor before the distribution").isRegularFile();
            return List.of(pom, Files.copy(jar, target.resolve(jar.getFileName())));
        }
        return List.of(pom);
    }

    /**
     * Central's repository id, so that it replaces the built-in one: read from a folder, whose
     * files have no checksums beside them, releases only.
     */
    private static String settings(Path outerRepository) {
        String url = outerRepository.toUri().toString();
        String repository = """
                  <id>central</id>
                  <url>%s</url>
                  <releases><checksumPolicy>ignore</checksumPolicy></releases>
                  <snapshots><enabled>false</enabled></snapshots>
                """.formatted(url);
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>central-from-the-outer-build</id>
                      <repositories><repository>
                %s      </repository></repositories>
                      <pluginRepositories><pluginRepository>
                %s      </pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>central-from-the-outer-build</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository);
    }

    /** Runs {@code mvn} in {@code dir} with this local repository and settings; fails the test on a non-zero exit. */
    Launcher.Result mvn(Path dir, String... args) throws Exception {
        List<String> command = Stream.concat(Stream.of("mvn", "-B", "-ntp", "-s", settings.toString(),
                "-Dmaven.repo.local=" + localRepository), Stream.of(args)).toList();
        Launcher.Result result = Launcher.run(dir, Map.of(), command);
        assertThat(result.exitCode())
                .as("%s\n(an artifact missing from central? it is read from the outer build's local repository: "
                        + "build once online)\n%s", command, result)
                .isZero();
        return result;
    }

    /** @return files under dev/switchboard of the local repository that {@link #create} did not install */
    List<Path> switchboardFilesBeyondInstalled() throws IOException {
        try (Stream<Path> files = Files.walk(localRepository.resolve("dev/switchboard"))) {
            return files.filter(Files::isRegularFile).filter(file -> !installed.contains(file)).toList();
        }
    }
}
