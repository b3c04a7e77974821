package dev.switchboard.testkit;

import dev.switchboard.api.WorkflowEvent;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The conformance tests shared by handler and filter factories; see {@link HandlerFactoryConformance}. */
abstract class FactoryConformance {

    abstract Subject subject();

    /**
     * @return the smallest {@code config:} block that creates a working handler or filter without
     *     network I/O in {@code create} (every required key, nothing else)
     */
    protected abstract Map<String, ?> minimalConfig();

    /** @return the context for the minimal config; override to pass a real transport or a clock */
    protected TestHandlerContext minimalContext() {
        return TestHandlerContext.of(minimalConfig());
    }

    /** @return the event the handler gets in the tests of concurrency and global state */
    protected WorkflowEvent sampleEvent() {
        return WorkflowEvent.builder("step_complete").id("conformance-1").sessionId("s-1")
                .specName("conformance").patternType("chain").data(Map.of("step_index", 1)).build();
    }

    /** @return how many threads call at once in {@link #handleIsSafeUnderConcurrentCalls} */
    protected int concurrentThreads() {
        return 8;
    }

    /** @return how many calls each thread makes */
    protected int callsPerThread() {
        return 25;
    }

    /**
     * @return the packaged plugin JAR, or null when it is not built yet (the test is then skipped);
     *     by default the system property {@code plugin.jar}, which switchboard-plugin-parent sets
     *     for failsafe's integration tests
     */
    protected Path pluginJar() {
        String jar = System.getProperty("plugin.jar");
        return jar == null ? null : Path.of(jar);
    }

    @Test
    void factoryTypeIsValid() {
        ConformanceRules.typeIsValid(subject());
    }

    @Test
    void factoryDeclaresItsConfigKeys() {
        ConformanceRules.declaredKeys(subject());
    }

    @Test
    void minimalConfigCreatesIt() throws Exception {
        subject().close(ConformanceRules.minimalConfigCreates(subject(), minimalContext()));
    }

    @Test
    void eachRequiredKeyMissingIsAConfigExceptionNamingIt() {
        ConformanceRules.eachRequiredKeyIsNamedWhenMissing(subject(), minimalConfig());
    }

    @Test
    void anUndeclaredKeyIsRefused() {
        ConformanceRules.undeclaredKeyIsRefused(subject(), minimalConfig());
    }

    @Test
    void closeIsIdempotent() {
        ConformanceRules.closeIsIdempotent(subject(), minimalContext());
    }

    @Test
    void handleIsSafeUnderConcurrentCalls() throws Exception {
        ConformanceRules.concurrentUseIsSafe(subject(), minimalContext(), sampleEvent(), concurrentThreads(),
                callsPerThread());
    }

    @Test
    void changesNoJvmGlobalState() throws Exception {
        ConformanceRules.changesNoJvmGlobalState(subject(), minimalContext(), sampleEvent());
    }

    @Test
    void packagedJarLoadsThroughPf4jInIsolation() throws Exception {
        Path jar = pluginJar();
        Assumptions.assumeTrue(jar != null, "no packaged JAR (system property plugin.jar): runs in mvn verify");
        ConformanceRules.jarLoadsInIsolation(subject().type(), subject().isHandler(), jar);
    }
}
