package dev.switchboard.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Extend this in an integration test (a class named {@code *IT}, run by failsafe after
 * {@code package}) to check rule {@code isolated jar} on the packaged plugin: it loads alone through
 * the runtime's PF4J loader and provides its type from its own class loader.
 *
 * <pre>{@code
 * class FilePluginJarIT extends PackagedJarConformance {
 *     protected String type() { return "file"; }
 * }
 * }</pre>
 */
public abstract class PackagedJarConformance {

    /** @return the handler (or filter) type the JAR provides */
    protected abstract String type();

    /** @return true when {@link #type()} is a filter type */
    protected boolean isFilter() {
        return false;
    }

    /** @return the packaged JAR: by default {@link PackagedPlugin#jar()} */
    protected Path pluginJar() {
        return PackagedPlugin.jar();
    }

    @Test
    void packagedJarLoadsThroughPf4jInIsolation() throws Exception {
        ConformanceRules.jarLoadsInIsolation(type(), !isFilter(), pluginJar());
    }
}
