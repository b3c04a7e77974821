package dev.switchboard.plugins.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.PackagedPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged plugin JAR is what PF4J and the runtime expect: descriptor, provider, no API. */
class SlackPluginJarIT {

    private static JarFile jar() throws IOException {
        return new JarFile(PackagedPlugin.jar().toFile());
    }

    @Test
    void carriesAPf4jDescriptorForPluginSlack() throws IOException {
        try (JarFile jar = jar()) {
            Attributes manifest = jar.getManifest().getMainAttributes();

            assertThat(manifest.getValue("Plugin-Id")).isEqualTo("slack");
            assertThat(manifest.getValue("Plugin-Version")).isNotBlank();
            assertThat(manifest.getValue("Plugin-Requires")).isEqualTo(">=0.1.0");
        }
    }

    @Test
    void registersTheFactoryAndCarriesItsClasses() throws IOException {
        try (JarFile jar = jar()) {
            JarEntry services = jar.getJarEntry(
                    "META-INF/services/dev.switchboard.api.spi.HandlerFactory");
            assertThat(services).isNotNull();
            try (InputStream in = jar.getInputStream(services)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip())
                        .isEqualTo("dev.switchboard.plugins.slack.SlackHandlerFactory");
            }
            assertThat(jar.getJarEntry("dev/switchboard/plugins/slack/SlackHandlerFactory.class"))
                    .isNotNull();
            assertThat(jar.getJarEntry("dev/switchboard/plugins/slack/SlackHandler.class"))
                    .isNotNull();
        }
    }

    @Test
    void carriesNeitherThePluginApiNorSlf4j() throws IOException {
        try (JarFile jar = jar()) {
            List<String> leaked = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.startsWith("dev/switchboard/api/")
                            || name.startsWith("dev/switchboard/core/")
                            || name.startsWith("org/slf4j/"))
                    .toList();

            assertThat(leaked).isEmpty();
        }
    }
}
