package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * switchboard-plugin-parent's rule that plugin-api and SLF4J stay out of a plugin's JAR, on a
 * fixture plugin that inherits it (built with {@code mvn package}, parent and plugin-api from this
 * build): declaring either in compile scope fails at once (enforcer), naming the artifact; a
 * dependency that carries SLF4J's classes inside its own JAR fails after shade, naming SLF4J; a
 * plugin that leaves both to the runtime builds, with a readable PF4J manifest.
 */
class PluginParentLeakRuleIT {

    private static final String BANNED_MESSAGE =
            "plugin-api, the core and SLF4J come from the runtime: declare them provided";

    private static NestedMaven maven;

    @TempDir
    Path work;

    @BeforeAll
    static void installTheSdk(@TempDir Path scratch) throws IOException {
        maven = NestedMaven.shared().installSdk();
        installALibraryThatBundlesSlf4j(scratch);
    }

    @Test
    void aPluginThatLeavesPluginApiAndSlf4jToTheRuntimeBuilds() throws Exception {
        Path plugin = fixture("");

        Launcher.Result build = maven.run(plugin, "package", "-Dmaven.test.skip=true");

        assertThat(build.exitCode()).as(build.toString()).isZero();
        try (JarFile jar = new JarFile(plugin.resolve("target/leak-fixture-1.0.0.jar").toFile())) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();
            assertThat(entries).contains("com/example/leak/Greeter.class")
                    .noneMatch(name -> name.startsWith("org/slf4j/") || name.startsWith("dev/switchboard/api/"));
            // The manifest reads (PF4J's descriptor), the description written over two lines as one.
            assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Id")).isEqualTo("leak-fixture");
            assertThat(jar.getManifest().getMainAttributes().getValue("Plugin-Description"))
                    .isEqualTo("A fixture plugin, described on two lines.");
        }
    }

    @Test
    void slf4jInCompileScopeFailsTheBuildNamingIt() throws Exception {
        Launcher.Result build = maven.run(fixture(dependency("org.slf4j", "slf4j-api", "")), "package",
                "-Dmaven.test.skip=true");

        assertThat(build.exitCode()).as(build.toString()).isNotZero();
        assertThat(build.stdout()).contains(BANNED_MESSAGE)
                .containsPattern("org\\.slf4j:slf4j-api:jar:[^ ]+ <--- banned");
    }

    @Test
    void pluginApiInCompileScopeFailsTheBuildNamingIt() throws Exception {
        Launcher.Result build = maven.run(fixture(dependency("dev.switchboard", "switchboard-plugin-api", "")), "package",
                "-Dmaven.test.skip=true");

        assertThat(build.exitCode()).as(build.toString()).isNotZero();
        assertThat(build.stdout()).contains(BANNED_MESSAGE)
                .contains("dev.switchboard:switchboard-plugin-api:jar:" + NestedMaven.VERSION + " <--- banned");
    }

    @Test
    void aDependencyThatCarriesSlf4jInsideItsJarFailsTheBuildAfterShade() throws Exception {
        Path plugin = fixture(dependency("com.example", "bundles-slf4j", "<version>1.0</version>"));

        Launcher.Result build = maven.run(plugin, "package", "-Dmaven.test.skip=true");

        assertThat(build.exitCode()).as(build.toString()).isNotZero();
        assertThat(build.stdout()).containsPattern("leak-fixture-1\\.0\\.0\\.jar holds [1-9][0-9]* entries of SLF4J \\(org/slf4j/\\), "
                + "which the runtime provides");
    }

    /** A plugin project inheriting switchboard-plugin-parent, with these extra dependencies. */
    private Path fixture(String dependencies) throws IOException {
        Path plugin = work.resolve("leak-fixture");
        Files.createDirectories(plugin.resolve("src/main/java/com/example/leak"));
        Files.writeString(plugin.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <parent>
                    <groupId>dev.switchboard</groupId>
                    <artifactId>switchboard-plugin-parent</artifactId>
                    <version>%s</version>
                    <relativePath/>
                  </parent>
                  <groupId>com.example</groupId>
                  <artifactId>leak-fixture</artifactId>
                  <version>1.0.0</version>
                  <description>
                    A fixture plugin,
                    described on two lines.
                  </description>
                  <properties><plugin.id>leak-fixture</plugin.id></properties>
                  <dependencies>%s</dependencies>
                </project>
                """.formatted(NestedMaven.VERSION, dependencies));
        Files.writeString(plugin.resolve("src/main/java/com/example/leak/Greeter.java"), """
                package com.example.leak;

                public final class Greeter {
                    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Greeter.class);

                    public void greet(dev.switchboard.api.WorkflowEvent event) {
                        LOG.info("hello {}", event.eventType());
                    }
                }
                """);
        return plugin;
    }

    private static String dependency(String groupId, String artifactId, String version) {
        return "<dependency><groupId>%s</groupId><artifactId>%s</artifactId>%s<scope>compile</scope></dependency>"
                .formatted(groupId, artifactId, version);
    }

    /** com.example:bundles-slf4j:1.0, whose JAR holds the classes of the slf4j-api this build uses. */
    private static void installALibraryThatBundlesSlf4j(Path scratch) throws IOException {
        Path slf4j;
        try {
            slf4j = Path.of(LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path jar = scratch.resolve("bundles-slf4j-1.0.jar");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(slf4j));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                if (entry.getName().startsWith("org/slf4j/") && entry.getName().endsWith(".class")) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        Path pom = scratch.resolve("bundles-slf4j-1.0.pom");
        Files.writeString(pom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>bundles-slf4j</artifactId>
                  <version>1.0</version>
                </project>
                """);
        maven.install("com.example", "bundles-slf4j", "1.0", pom, jar);
    }
}
