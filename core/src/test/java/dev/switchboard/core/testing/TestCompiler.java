package dev.switchboard.core.testing;

import dev.switchboard.api.spi.HandlerFactory;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles Java sources in memory at test time, against plugin-api, SLF4J and PF4J from the test
 * class path, as Kafka's {@code TestPlugins} does for its deliberately broken plugins.
 */
public final class TestCompiler {

    private TestCompiler() {
    }

    /**
     * Compiles against plugin-api, SLF4J and PF4J only, as a plugin built with {@code provided}
     * dependencies would be.
     *
     * @param sources fully qualified class name to its source
     * @return binary class name (nested classes included) to class file bytes
     * @throws AssertionError with javac's messages if the sources do not compile
     */
    public static Map<String, byte[]> compile(Map<String, String> sources) {
        if (sources.isEmpty()) {
            return Map.of();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new AssertionError("no Java compiler: run the tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> output = new LinkedHashMap<>();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new Source(name, text)));
        try (StandardJavaFileManager files =
                     javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
             JavaFileManager memory = new InMemoryOutput(files, output)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-nowarn",
                    "-classpath", classPath());
            boolean ok = javac.getTask(null, memory, diagnostics, options, null, units).call();
            if (!ok) {
                throw new AssertionError("test plugin sources do not compile: "
                        + diagnostics.getDiagnostics());
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        Map<String, byte[]> classes = new LinkedHashMap<>();
        output.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }

    /**
     * Plugin-api, SLF4J and PF4J (for a {@code Plugin-Class}): all a plugin may compile against.
     * Leaving out the rest of the test class path (WireMock's standalone JAR alone holds
     * thousands of classes) keeps javac quick.
     */
    private static String classPath() {
        return locationOf(HandlerFactory.class) + File.pathSeparator
                + locationOf(org.slf4j.Logger.class) + File.pathSeparator
                + locationOf(org.pf4j.Plugin.class);
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String className, String text) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
                    Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class InMemoryOutput
            extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, ByteArrayOutputStream> output;

        InMemoryOutput(StandardJavaFileManager files, Map<String, ByteArrayOutputStream> output) {
            super(files);
            this.output = output;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className,
                                                   JavaFileObject.Kind kind, FileObject sibling) {
            return new SimpleJavaFileObject(
                    URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                    output.put(className, bytes);
                    return bytes;
                }
            };
        }
    }
}
