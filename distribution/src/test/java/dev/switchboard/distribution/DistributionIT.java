package dev.switchboard.distribution;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The assembled distribution, run as a separate process the way a user runs it. */
class DistributionIT {

    static final Path DIST = Path.of(System.getProperty("switchboard.dist")).toAbsolutePath();
    static final Path REPO = Path.of(System.getProperty("switchboard.repo")).toAbsolutePath().normalize();
    static final Path LAUNCHER = DIST.resolve("bin/switchboard");
    static final Path TARBALL = DIST.resolveSibling("switchboard-" + System.getProperty("project.version", "0.1.0-SNAPSHOT")
            + ".tar.gz");

    @TempDir
    Path work;

    @RegisterExtension
    final WireMockExtension receiver = Receiver.local();

    private Launcher.Result switchboard(String... args) throws Exception {
        return switchboard(Map.of(), args);
    }

    private Launcher.Result switchboard(Map<String, String> env, String... args) throws Exception {
        return Launcher.run(work, env, Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(work.resolve(name), text);
    }

    @Test
    void theLayoutHasAnExecutableLauncherLibPluginsAndConf() throws IOException {
        assertThat(Files.getPosixFilePermissions(LAUNCHER)).contains(PosixFilePermission.OWNER_EXECUTE);
        assertThat(DIST.resolve("conf/handlers.yaml")).exists();
        assertThat(Files.readString(DIST.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
        assertThat(DIST.resolve("lib")).isDirectoryContaining("glob:**/switchboard-core-*.jar");
        try (Stream<Path> plugins = Files.list(DIST.resolve("plugins"))) {
            assertThat(plugins.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .allMatch(name -> name.startsWith("switchboard-plugin-") && name.endsWith(".jar"));
        }
        try (Stream<Path> lib = Files.list(DIST.resolve("lib"))) {
            assertThat(lib.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("switchboard-plugin-")
                    && !name.startsWith("switchboard-plugin-api"));
        }
        assertThat(TARBALL).exists();
    }

    /**
     * A start of the installation in target/ (the quick start, these tests) leaves its class-data
     * archive in lib/; the next build must not pack it. Meaningful from the second build on.
     */
    @Test
    void theTarballHoldsOnlyTheLauncherConfigurationJarsAndLicense() throws IOException {
        String base = "switchboard-" + System.getProperty("project.version", "0.1.0-SNAPSHOT") + "/";
        List<String> entries = tarEntries(TARBALL);
        assertThat(entries).contains(base + "bin/switchboard", base + "conf/handlers.yaml", base + "LICENSE");
        Pattern allowed = Pattern.compile(Pattern.quote(base)
                + "(((bin|conf|lib|plugins)/)?|LICENSE|bin/switchboard|conf/[^/]+|(lib|plugins)/[^/]+\\.jar)");
        assertThat(entries).allSatisfy(entry -> assertThat(entry).matches(allowed));
    }

    /** @return the names in a tar.gz (ustar headers: name at 0, size in octal at 124, prefix at 345) */
    private static List<String> tarEntries(Path tarball) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(tarball))) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                names.add(prefix.isEmpty() ? name : prefix + "/" + name);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                in.skipNBytes((size + 511) / 512 * 512);
            }
        }
        return names;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void noPluginJarCarriesItsOwnCopyOfThePluginApiOrSlf4j() throws IOException {
        try (Stream<Path> plugins = Files.list(DIST.resolve("plugins"))) {
            for (Path jar : plugins.toList()) {
                try (ZipFile zip = new ZipFile(jar.toFile())) {
                    List<String> leaked = zip.stream().map(e -> e.getName())
                            .filter(n -> n.startsWith("dev/switchboard/api/") || n.startsWith("org/slf4j/")).toList();
                    assertThat(leaked).as("classes the host provides, inside %s", jar.getFileName()).isEmpty();
                }
            }
        }
    }

    @Test
    void theFiveBundledPluginsAreListedWithTheirTypes() throws Exception {
        Launcher.Result result = switchboard("plugins");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).doesNotContain("FAILED")
                .contains("handler types: console (built-in), datadog (plugin datadog), sentry (plugin sentry), "
                        + "slack (plugin slack), webhook (plugin webhook)")
                .contains("filter types: secure (plugin secure-filter)");
        try (Stream<Path> plugins = Files.list(DIST.resolve("plugins"))) {
            assertThat(plugins.map(p -> p.getFileName().toString().replaceAll("-[0-9].*", "")))
                    .containsExactlyInAnyOrder("switchboard-plugin-webhook", "switchboard-plugin-slack",
                            "switchboard-plugin-datadog", "switchboard-plugin-sentry", "switchboard-plugin-secure-filter");
        }
    }

    @Test
    void theDefaultConfigurationValidatesFromAnyDirectory() throws Exception {
        Launcher.Result result = switchboard("validate");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("ok");
    }

    @Test
    void theSampleSessionRunsThroughTheConsoleHandler() throws Exception {
        Launcher.Result result = switchboard("run", "--input", REPO.resolve("examples/events/research-session.ndjson").toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("workflow_start research-workflow [a1b2c3d4-e5f6-7890]")
                .contains("hitl_pause").contains("workflow_complete")
                .contains("events: 11 read, 11 accepted, 0 rejected")
                .doesNotContain("sk-this-never-leaves-the-runtime");
    }

    @Test
    void deliversToWebhooksHonouringSubscriptionsRedactionRetriesAndRetryAfter() throws Exception {
        receiver.stubFor(post("/ok").willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post("/bad").willReturn(aResponse().withStatus(400).withBody("schema mismatch")));
        receiver.stubFor(post("/flaky").inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("2"));
        receiver.stubFor(post("/flaky").inScenario("flaky").whenScenarioStateIs("2")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("3"));
        receiver.stubFor(post("/flaky").inScenario("flaky").whenScenarioStateIs("3")
                .willReturn(aResponse().withStatus(200)));
        receiver.stubFor(post("/limited").inScenario("limited").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        receiver.stubFor(post("/limited").inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200)));
        String base = "http://127.0.0.1:" + receiver.getPort();
        Path config = write("handlers.yaml", """
                version: 1
                handlers:
                  - name: audit
                    type: webhook
                    events: ["workflow_*"]
                    match: {spec_name: "research-*"}
                    config: {url: "%1$s/ok", headers: {Authorization: "Bearer ${HOOK_TOKEN}"}}
                  - name: strict
                    type: webhook
                    events: [error]
                    config: {url: "%1$s/bad"}
                  - name: flaky
                    type: webhook
                    events: [step_complete]
                    config: {url: "%1$s/flaky"}
                  - name: limited
                    type: webhook
                    events: [hitl_pause]
                    retry: {backoff: 50ms}
                    config: {url: "%1$s/limited"}
                """.formatted(base));
        Path input = write("events.ndjson", """
                {"event_type": "workflow_start", "timestamp": "2025-11-12T10:30:45.123456", "session_id": null, "spec_name": "research-workflow", "pattern_type": "chain", "data": {"topic": "AI", "api_key": "sk-live-123"}}
                {"event_type": "workflow_start", "timestamp": "2025-11-12T10:30:46", "session_id": "s2", "spec_name": "billing", "pattern_type": "chain"}
                {"event_type": "step_complete", "timestamp": "2025-11-12T10:30:47+02:00", "session_id": "s1", "spec_name": "research-workflow", "pattern_type": "chain", "data": {"step_index": 1}}
                {"event_type": "hitl_pause", "timestamp": "2025-11-12T10:30:48Z", "session_id": "s1", "spec_name": "research-workflow", "pattern_type": "chain", "data": {}}
                {"event_type": "error", "timestamp": "2025-11-12T10:30:49", "session_id": "s1", "spec_name": "research-workflow", "pattern_type": "chain", "data": {"error": "boom"}}
                """);

        Launcher.Result result = switchboard(Map.of("HOOK_TOKEN", "tok-9"), "run", "--config", config.toString(),
                "--input", input.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        List<LoggedRequest> audit = receiver.findAll(postRequestedFor(urlEqualTo("/ok")));
        assertThat(audit).hasSize(1);
        LoggedRequest first = audit.get(0);
        assertThat(first.getHeader("Authorization")).isEqualTo("Bearer tok-9");
        assertThat(first.getHeader("webhook-id")).isNotBlank();
        assertThat(new ObjectMapper().readTree(first.getBodyAsString())).isEqualTo(new ObjectMapper().readTree(
                "{\"event_type\": \"workflow_start\", \"timestamp\": \"2025-11-12T10:30:45.123456\", \"session_id\": null,"
                        + " \"spec_name\": \"research-workflow\", \"pattern_type\": \"chain\", \"data\": {\"topic\": \"AI\"}}"));

        List<LoggedRequest> flaky = receiver.findAll(postRequestedFor(urlEqualTo("/flaky")));
        assertThat(flaky).hasSize(3);
        // Upper bounds leave room for a loaded machine (1,805 ms seen for the 1 s wait at load 25 on 2 cores);
        // lower ones for the default retry.jitter of ±10 %.
        assertThat(gapMillis(flaky, 0)).isBetween(850L, 2500L);
        assertThat(gapMillis(flaky, 1)).isBetween(1750L, 3500L);
        assertThat(flaky.stream().map(r -> r.getHeader("webhook-id")).distinct()).hasSize(1);

        receiver.verify(1, postRequestedFor(urlEqualTo("/bad")));
        List<LoggedRequest> limited = receiver.findAll(postRequestedFor(urlEqualTo("/limited")));
        assertThat(limited).hasSize(2);
        assertThat(gapMillis(limited, 0)).isBetween(950L, 2500L);

        assertThat(result.stdout()).containsPattern("audit\\s+webhook\\s+1\\s+0\\s+0")
                .containsPattern("flaky\\s+webhook\\s+1\\s+2\\s+0")
                .containsPattern("strict\\s+webhook\\s+0\\s+0\\s+1");
        assertThat(result.stderr()).contains("handler 'strict'").contains("HTTP 400: schema mismatch")
                .doesNotContain("tok-9");
    }

    private static long gapMillis(List<LoggedRequest> requests, int index) {
        return requests.get(index + 1).getLoggedDate().getTime() - requests.get(index).getLoggedDate().getTime();
    }

    @Test
    void everyDeliveredEventExitsZero() throws Exception {
        receiver.stubFor(post("/ok").willReturn(aResponse().withStatus(204)));
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n  - {name: all, type: webhook, events: [\"*\"], "
                + "config: {url: \"http://127.0.0.1:" + receiver.getPort() + "/ok\"}}\n");
        Launcher.Result result = switchboard("run", "--config", config.toString(), "--input",
                REPO.resolve("examples/events/research-session.ndjson").toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        receiver.verify(11, postRequestedFor(urlEqualTo("/ok")));
    }

    @Test
    void aConfigurationErrorExitsTwoWithFileLineAndColumn() throws Exception {
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n  - name: x\n    type: nope\n    events: [\"*\"]\n");
        Launcher.Result result = switchboard("validate", "--config", config.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).startsWith(config + ":4:11: handler 'x': unknown type 'nope'; installed types: ")
                .contains("console (built-in)").contains("webhook (plugin webhook)");
    }

    @Test
    void aMissingInputOptionIsAUsageError() throws Exception {
        assertThat(switchboard("run", "--bogus").exitCode()).isEqualTo(2);
    }

    @Test
    void aBrokenJarIsReportedAndTheOtherPluginsStillWork() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> bundled = Files.list(DIST.resolve("plugins"))) {
            for (Path jar : bundled.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        Files.writeString(plugins.resolve("broken.jar"), "this is not a zip file");
        Launcher.Result listing = switchboard("plugins", "--plugins", plugins.toString());
        assertThat(listing.stdout()).contains("webhook").contains("broken.jar");

        receiver.stubFor(post("/ok").willReturn(aResponse().withStatus(200)));
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n  - {name: all, type: webhook, events: [\"*\"], "
                + "config: {url: \"http://127.0.0.1:" + receiver.getPort() + "/ok\"}}\n");
        Path input = write("one.ndjson", "{\"event_type\": \"workflow_start\", \"spec_name\": \"s\"}\n");
        Launcher.Result run = switchboard("run", "--config", config.toString(), "--plugins", plugins.toString(),
                "--input", input.toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).contains("broken.jar");
        receiver.verify(1, postRequestedFor(urlEqualTo("/ok")));
    }

    @Test
    void theThirdPartyExampleIsDiscoveredAndReceivesEvents() throws Exception {
        Path jar = ExamplePlugin.build(REPO, work);
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        Path out = work.resolve("events/out.jsonl");
        Path config = write("handlers.yaml", "version: 1\nhandlers:\n  - name: file\n    type: file\n"
                + "    events: [\"workflow_*\", error]\n    config: {path: \"" + out + "\"}\n");

        Launcher.Result listing = switchboard("plugins", "--plugins", plugins.toString());
        assertThat(listing.stdout()).contains("file-handler").contains("file");
        Launcher.Result run = switchboard("run", "--config", config.toString(), "--plugins", plugins.toString(),
                "--input", REPO.resolve("examples/events/research-session.ndjson").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(3);
        assertThat(lines.stream().map(line -> readType(line)).collect(Collectors.toList()))
                .containsExactlyInAnyOrder("workflow_start", "error", "workflow_complete");
    }

    private static String readType(String line) {
        try {
            return new ObjectMapper().readTree(line).get("event_type").asText();
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + line, e);
        }
    }
}
