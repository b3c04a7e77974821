package dev.switchboard.benchmarks.startup;

import dev.switchboard.benchmarks.support.Args;
import dev.switchboard.benchmarks.support.Proc;
import dev.switchboard.benchmarks.support.Spread;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up: time from starting {@code bin/switchboard run} (the HTTP service) to {@code GET /readyz}
 * answering 200, with the bundled plugin JARs in {@code plugins/} and a configuration that creates
 * one handler of each bundled type (webhook, slack, datadog, sentry; the secure filter on one of
 * them), median of {@code --runs}. The launcher's class-data-sharing archive is recorded by the
 * first start of the installation (reported on its own); the same starts with
 * {@code SWITCHBOARD_CDS=off} show what the archive is worth. The baseline is the JVM's own floor:
 * {@link ReadyBaseline}, a JDK HTTP server answering {@code /readyz}, started the same way. Runs
 * alternate.
 */
public final class StartupBench {

    private static final long POLL_MILLIS = 2;

    private StartupBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv, "dist", "work", "runs", "plugin", "java-opts", "out");
        Path dist = args.path("dist").toAbsolutePath();
        Path work = Files.createDirectories(args.path("work").toAbsolutePath());
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (var jars = Files.list(dist.resolve("plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String extra : args.string("plugin", "").split(",")) {
            if (!extra.isBlank() && Files.exists(Path.of(extra))) {
                Path jar = Path.of(extra);
                Files.copy(jar, plugins.resolve(jar.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        List<String> jarNames;
        try (var jars = Files.list(plugins)) {
            jarNames = jars.map(p -> p.getFileName().toString()).sorted().toList();
        }
        Path config = Files.writeString(work.resolve("handlers.yaml"), config(jarNames), StandardCharsets.UTF_8);
        String jar = Path.of(StartupBench.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String javaOpts = args.string("java-opts", "");

        List<Double> switchboard = new ArrayList<>();
        List<Double> withoutCds = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        int runs = args.integer("runs", 10);
        System.out.println("plugins/: " + jarNames);
        // The first start of an installation records its archive: remove any, so that it does here.
        try (var archives = Files.newDirectoryStream(dist.resolve("lib"), "switchboard*.jsa")) {
            for (Path archive : archives) {
                Files.delete(archive);
            }
        }
        double first = timeToReady(switchboardCommand(dist, config, plugins), env(javaOpts, "on"),
                work.resolve("switchboard-first.log"));
        System.out.printf("first start (records the class-data-sharing archive when there is none): %.0f ms%n", first);
        for (int run = 1; run <= runs; run++) {
            double sbMillis = timeToReady(switchboardCommand(dist, config, plugins), env(javaOpts, "on"),
                    work.resolve("switchboard-" + run + ".log"));
            double offMillis = timeToReady(switchboardCommand(dist, config, plugins), env(javaOpts, "off"),
                    work.resolve("switchboard-nocds-" + run + ".log"));
            withoutCds.add(offMillis);
            int port = freePort();
            List<String> base = new ArrayList<>(List.of(Proc.javaCommand()));
            if (!javaOpts.isBlank()) {
                base.addAll(List.of(javaOpts.trim().split("\\s+")));
            }
            base.addAll(List.of("-cp", jar, ReadyBaseline.class.getName(), Integer.toString(port)));
            base.add("--port=" + port); // read by timeToReady, ignored by ReadyBaseline
            double baseMillis = timeToReady(base, Map.of(), work.resolve("baseline-" + run + ".log"));
            switchboard.add(sbMillis);
            baseline.add(baseMillis);
            System.out.printf("run %2d: switchboard %6.0f ms   without CDS %6.0f ms   baseline %6.0f ms%n", run, sbMillis,
                    offMillis, baseMillis);
        }
        String table = "| process | start to /readyz 200, ms, median (min–max) |\n|---|---|\n"
                + String.format("| switchboard run, %d plugin JARs, one handler per bundled type | %s |%n", jarNames.size(),
                        Spread.of(switchboard).format("%,.0f"))
                + String.format("| the same, SWITCHBOARD_CDS=off | %s |%n", Spread.of(withoutCds).format("%,.0f"))
                + String.format("| the same, first start of the installation (records the archive) | %,.0f |%n", first)
                + String.format("| baseline: JDK HTTP server answering /readyz | %s |%n", Spread.of(baseline).format("%,.0f"))
                + String.format("%nMedian of %d runs each, alternating.%n", runs);
        System.out.println();
        System.out.println(table);
        String out = args.string("out", null);
        if (out != null) {
            Files.writeString(Path.of(out), table, StandardCharsets.UTF_8);
        }
    }

    private static List<String> switchboardCommand(Path dist, Path config, Path plugins) throws IOException {
        return List.of(dist.resolve("bin/switchboard").toString(), "run", "--config", config.toString(),
                "--plugins", plugins.toString(), "--port=" + freePort());
    }

    private static Map<String, String> env(String javaOpts, String cds) {
        return Map.of("JAVA_OPTS", javaOpts, "SWITCHBOARD_LOG_LEVEL", "WARN", "SWITCHBOARD_CDS", cds);
    }

    private static String config(List<String> jarNames) {
        boolean secure = jarNames.stream().anyMatch(name -> name.contains("secure-filter"));
        return """
                version: 1
                handlers:
                  - name: hook
                    type: webhook
                    events: ["*"]
                    config: {url: "http://127.0.0.1:9/hook"}
                  - name: slack
                    type: slack
                    events: [workflow_complete, hitl_pause, error]
                    %s
                    config: {webhook_url: "http://127.0.0.1:9/slack"}
                  - name: metrics
                    type: datadog
                    events: ["*"]
                    config: {host: 127.0.0.1, port: 9}
                  - name: sentry
                    type: sentry
                    events: [error]
                    config: {dsn: "http://public@127.0.0.1:9/1"}
                """.formatted(secure ? "filters: [secure]" : "");
    }

    /** @return milliseconds from starting the process to its first 200 on /readyz (the port of its --port=N) */
    private static double timeToReady(List<String> command, Map<String, String> env, Path log)
            throws IOException, InterruptedException {
        int port = command.stream().filter(arg -> arg.startsWith("--port=")).map(arg -> Integer.parseInt(arg.substring(7)))
                .findFirst().orElseThrow();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = start + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (ready(port)) {
                    return (System.nanoTime() - start) / 1e6;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException(command.get(0) + " exited with " + process.exitValue() + "; see " + log);
                }
                Thread.sleep(POLL_MILLIS);
            }
            throw new IllegalStateException("not ready within 60 s; see " + log);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static boolean ready(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
            socket.setSoTimeout(1_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
