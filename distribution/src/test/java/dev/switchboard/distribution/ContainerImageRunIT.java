package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built image without a container engine, as one would: its layers unpacked into a root
 * file system, its entry point started there ({@code chroot}, in new mount and PID namespaces, with
 * {@code /proc} and {@code /dev}) as the image's user with the image's environment. Needs root and
 * an image whose base has a JVM ({@code deploy/image/debian-jre-base.sh}, or a registry's); with
 * {@code -Dimage.base=scratch} there is nothing to run, and the test says so as skipped.
 */
class ContainerImageRunIT {

    private static final ImageFacts IMAGE = ImageFacts.fromBuild();
    private static final Duration START = Duration.ofSeconds(90);

    @TempDir
    Path work;
    private Path root;

    @Test
    void theImageServesAndStoresAsItsUserAndStopsGracefullyOnSigterm() throws Exception {
        ContainerImage image = ContainerImage.built();
        String javaHome = image.strings("/config/Env").stream().filter(env -> env.startsWith("JAVA_HOME="))
                .map(env -> env.substring("JAVA_HOME=".length())).findFirst().orElse("");
        assumeTrue(image.file(javaHome + "/bin/java") != null, "the image's base has no JVM at JAVA_HOME ("
                + ImageFacts.property("image.base") + "): nothing to run");
        assumeTrue("root".equals(System.getProperty("user.name")), "unpacking and chroot need root");
        assumeTrue(namespacesAllowed(), "this machine refuses new mount and PID namespaces (unshare): nothing to run");
        root = Files.createDirectory(work.resolve("rootfs"));
        Path log = work.resolve("run.log");
        unpack(image);

        int port = freePort();
        String user = image.config.at("/config/User").asText();
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--pid", "--fork", "--kill-child=SIGTERM",
                "--mount-proc=" + root.resolve("proc"), "sh", "-c", "mount --rbind /dev \"$0/dev\" && exec \"$@\"",
                root.toString(), "chroot", "--userspec=" + user, root.toString()));
        command.addAll(image.strings("/config/Entrypoint"));
        command.addAll(List.of("run", "--host", "127.0.0.1", "--port", String.valueOf(port)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        for (String env : image.strings("/config/Env")) {
            builder.environment().put(env.substring(0, env.indexOf('=')), env.substring(env.indexOf('=') + 1));
        }
        builder.environment().put("HOME", "/");

        Process process = builder.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(base.resolve("/readyz"), process);
            assertThat(get(base.resolve("/healthz")).statusCode()).isEqualTo(200);
            HttpResponse<String> accepted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v1/events"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event_type\": \"workflow_start\", \"session_id\": \"s1\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

            Path store = root.resolve(IMAGE.data().substring(1)).resolve("switchboard.db");
            assertThat(store).exists();
            PosixFileAttributes owner = Files.readAttributes(store, PosixFileAttributes.class);
            assertThat(owner.owner().getName()).isIn(String.valueOf(IMAGE.user()), "switchboard");

            // unshare ignores SIGTERM and passes nothing on: signal what it started, the image's process.
            process.descendants().forEach(ProcessHandle::destroy);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
            assertThat(Files.readString(log)).contains("switchboard: serving on http://127.0.0.1:" + port)
                    .contains("switchboard: stopped; every delivery finished");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }

    private void unpack(ContainerImage image) throws Exception {
        for (byte[] layer : image.layers) {
            Path archive = Files.write(work.resolve("layer"), layer);
            Process tar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", root.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(tar.waitFor()).as("tar -xf a layer").isZero();
            Files.delete(archive);
        }
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
    }

    private static void awaitReady(URI readyz, Process process) throws Exception {
        Instant deadline = Instant.now().plus(START);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the image's process is running").isTrue();
            try {
                if (get(readyz).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready within " + START);
    }

    private static HttpResponse<Void> get(URI uri) throws Exception {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                .send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean namespacesAllowed() throws InterruptedException {
        try {
            Process probe = new ProcessBuilder("unshare", "--mount", "--pid", "--fork", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
