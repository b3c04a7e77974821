package dev.switchboard.core.testing;

import dev.switchboard.api.spi.FilterFactory;
import dev.switchboard.api.spi.HandlerFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Writes a real plugin JAR: sources compiled at test time against plugin-api, a PF4J manifest,
 * {@code META-INF/services} files and any extra entries, like PF4J's {@code PluginJar} and
 * Kafka's {@code TestPlugins}. Compiling takes a moment: build the JARs a test class needs once
 * (e.g. in {@code @BeforeAll}) and copy them into each test's plugins folder.
 *
 * <pre>{@code
 * Path jar = TestPluginJar.named("greeter")
 *         .handlerFactory("com.example.GreeterFactory", SOURCE)
 *         .writeTo(dir);
 * }</pre>
 */
public final class TestPluginJar {

    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, List<String>> services = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Set<String> leftOut = new HashSet<>();
    private String fileName;

    private TestPluginJar(String fileName) {
        this.fileName = fileName;
    }

    /**
     * @param id the {@code Plugin-Id}; also the file name, {@code ID.jar}
     * @return a builder with {@code Plugin-Version: 1.0.0} and no {@code Plugin-Requires}
     */
    public static TestPluginJar named(String id) {
        return new TestPluginJar(id + ".jar").manifest("Plugin-Id", id)
                .manifest("Plugin-Version", "1.0.0");
    }

    /**
     * @param fileName e.g. {@code host-factories.jar}
     * @return a builder for a plain JAR without plugin descriptor, e.g. for a host class path
     */
    public static TestPluginJar plain(String fileName) {
        return new TestPluginJar(fileName);
    }

    /** @param version the {@code Plugin-Version}; null omits it @return this builder */
    public TestPluginJar version(String version) {
        return manifest("Plugin-Version", version);
    }

    /** @param requires the {@code Plugin-Requires}, e.g. {@code >=0.1.0}; null omits it */
    public TestPluginJar requires(String requires) {
        return manifest("Plugin-Requires", requires);
    }

    /** @param key a main manifest attribute @param value its value; null omits it */
    public TestPluginJar manifest(String key, String value) {
        if (value == null) {
            manifest.remove(key);
        } else {
            manifest.put(key, value);
        }
        return this;
    }

    /** @param name the JAR's file name, e.g. {@code b.jar} @return this builder */
    public TestPluginJar fileName(String name) {
        this.fileName = name;
        return this;
    }

    /** @param className fully qualified @param source its Java source @return this builder */
    public TestPluginJar source(String className, String source) {
        sources.put(className, source);
        return this;
    }

    /** Adds the class and lists it in {@code META-INF/services/...HandlerFactory}. */
    public TestPluginJar handlerFactory(String className, String source) {
        return source(className, source).serviceLine(HandlerFactory.class, className);
    }

    /** Adds the class and lists it in {@code META-INF/services/...FilterFactory}. */
    public TestPluginJar filterFactory(String className, String source) {
        return source(className, source).serviceLine(FilterFactory.class, className);
    }

    /**
     * @param service the service interface
     * @param line a line of its services file, e.g. a class name that is not in the JAR
     * @return this builder
     */
    public TestPluginJar serviceLine(Class<?> service, String line) {
        services.computeIfAbsent(service.getName(), k -> new ArrayList<>()).add(line);
        return this;
    }

    /** @param className compiled against, but left out of the JAR @return this builder */
    public TestPluginJar leaveOut(String className) {
        leftOut.add(className);
        return this;
    }

    /** @param name an entry path, e.g. {@code junk.bin} @param content its bytes */
    public TestPluginJar entry(String name, byte[] content) {
        entries.put(name, content.clone());
        return this;
    }

    /** Bundles a copy of every plugin-api class, as a wrongly packaged plugin does. */
    public TestPluginJar bundlingPluginApi() {
        Path api = pluginApiLocation();
        try {
            if (Files.isDirectory(api)) {
                try (Stream<Path> files = Files.walk(api.resolve("dev/switchboard/api"))) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        entry(api.relativize(file).toString().replace('\\', '/'),
                                Files.readAllBytes(file));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(api.toFile())) {
                    for (JarEntry e : jar.stream().filter(e -> !e.isDirectory()
                            && e.getName().startsWith("dev/switchboard/api/")).toList()) {
                        entry(e.getName(), jar.getInputStream(e).readAllBytes());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Compiles the sources and writes the JAR.
     *
     * @param dir an existing directory
     * @return the JAR written
     */
    public Path writeTo(Path dir) {
        return writeAll(dir, this).get(0);
    }

    /**
     * Compiles the sources of all the JARs in one compiler run (much faster than one run each)
     * and writes them. Their class names must differ, and each source must hold one top-level
     * class.
     *
     * @param dir an existing directory
     * @param jars the JARs, with distinct file names
     * @return the JARs written, in the same order
     */
    public static List<Path> writeAll(Path dir, TestPluginJar... jars) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (TestPluginJar jar : jars) {
            jar.sources.forEach((name, source) -> {
                if (sources.put(name, source) != null) {
                    throw new IllegalArgumentException("two JARs define " + name);
                }
            });
        }
        Map<String, byte[]> classes = TestCompiler.compile(sources);
        List<Path> written = new ArrayList<>();
        for (TestPluginJar jar : jars) {
            written.add(jar.write(dir, classes));
        }
        return written;
    }

    private Path write(Path dir, Map<String, byte[]> classes) {
        Path jar = dir.resolve(fileName);
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest())) {
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                if (isOwn(c.getKey()) && !isLeftOut(c.getKey())) {
                    put(out, c.getKey().replace('.', '/') + ".class", c.getValue());
                }
            }
            for (Map.Entry<String, List<String>> s : services.entrySet()) {
                String lines = String.join("\n", s.getValue()) + "\n";
                put(out, "META-INF/services/" + s.getKey(), lines.getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                put(out, e.getKey(), e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private boolean isOwn(String binaryName) {
        return sources.keySet().stream()
                .anyMatch(n -> binaryName.equals(n) || binaryName.startsWith(n + "$"));
    }

    private boolean isLeftOut(String binaryName) {
        return leftOut.stream().anyMatch(n -> binaryName.equals(n) || binaryName.startsWith(n + "$"));
    }

    private Manifest manifest() {
        Manifest result = new Manifest();
        Attributes main = result.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((key, value) -> main.put(new Attributes.Name(key), value));
        return result;
    }

    private static void put(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static Path pluginApiLocation() {
        try {
            return Path.of(HandlerFactory.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
