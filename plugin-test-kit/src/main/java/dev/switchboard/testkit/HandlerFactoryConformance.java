package dev.switchboard.testkit;

import dev.switchboard.api.spi.HandlerFactory;

/**
 * Extend this in a plugin's tests to check its {@link HandlerFactory} against the rules every
 * plugin keeps. Each failure names its rule ({@code rule 'undeclared key': ...}):
 *
 * <ul>
 *   <li>{@code type}: {@code type()} is lowercase letters, digits, {@code -} and {@code _};
 *   <li>{@code declared keys}: {@code configKeys()} declares the keys, each once;
 *   <li>{@code minimal config}: {@link #minimalConfig()} passes the runtime's check and creates a handler;
 *   <li>{@code required key}: without each required key the runtime refuses the block, and
 *       {@code create} throws a {@link dev.switchboard.api.ConfigException} naming the key;
 *   <li>{@code undeclared key}: the runtime refuses a key that is not declared;
 *   <li>{@code close idempotent}: a second {@code close()} throws nothing;
 *   <li>{@code concurrent use}: {@code handle} called from several threads at once throws nothing
 *       but checked exceptions (failed deliveries);
 *   <li>{@code jvm global state}: creating, using and closing a handler leaves system properties,
 *       the default uncaught-exception handler, shutdown hooks and the thread context class loader
 *       as they were;
 *   <li>{@code isolated jar}: the packaged JAR loads alone through the runtime's PF4J loader and
 *       provides the type from its own class loader (in {@code mvn verify}; skipped before the JAR
 *       exists).
 * </ul>
 *
 * <pre>{@code
 * class FileHandlerConformanceTest extends HandlerFactoryConformance {
 *     protected HandlerFactory factory() { return new FileHandlerFactory(); }
 *     protected Map<String, ?> minimalConfig() { return Map.of("path", "target/events.ndjson"); }
 * }
 * }</pre>
 */
public abstract class HandlerFactoryConformance extends FactoryConformance {

    /** @return a new instance of the factory under test */
    protected abstract HandlerFactory factory();

    @Override
    final Subject subject() {
        return Subject.of(factory());
    }
}
