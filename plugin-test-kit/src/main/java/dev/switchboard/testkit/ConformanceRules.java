package dev.switchboard.testkit;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.RuntimeVersion;
import dev.switchboard.core.config.ConfigBlock;
import dev.switchboard.core.config.DeclaredKeys;
import dev.switchboard.core.plugin.PluginCatalog;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The rules every plugin keeps, each a check that fails with an {@link AssertionError} whose
 * message starts with {@code rule 'NAME':}. {@link HandlerFactoryConformance} and
 * {@link FilterFactoryConformance} run them as tests.
 */
final class ConformanceRules {

    static final String UNDECLARED = "conformance_undeclared_key";
    private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private ConformanceRules() {
    }

    static AssertionError broken(String rule, String message) {
        return new AssertionError("rule '" + rule + "': " + message);
    }

    static void typeIsValid(Subject subject) {
        String type = subject.type();
        if (type == null || !TYPE.matcher(type).matches()) {
            throw broken("type", "type() returned " + (type == null ? "null" : "'" + type + "'")
                    + "; use lowercase letters, digits, '-' and '_', starting with a letter or digit");
        }
    }

    static List<ConfigKey> declaredKeys(Subject subject) {
        List<ConfigKey> keys = subject.configKeys();
        if (keys == null) {
            throw broken("declared keys", "configKeys() returns null, so the runtime cannot refuse a misspelt key;"
                    + " declare every key the factory reads (List.of() when it reads none)");
        }
        Set<String> names = new HashSet<>();
        for (ConfigKey key : keys) {
            if (!names.add(key.name())) {
                throw broken("declared keys", "config key '" + key.name() + "' is declared twice");
            }
        }
        return keys;
    }

    static Object minimalConfigCreates(Subject subject, TestHandlerContext minimal) {
        List<String> refused = check(subject, minimal);
        if (!refused.isEmpty()) {
            throw broken("minimal config", "the runtime refuses the minimal config before create: " + refused);
        }
        Object created;
        try {
            created = subject.create(minimal);
        } catch (RuntimeException e) {
            throw broken("minimal config", "create failed on the minimal config: " + e);
        }
        if (created == null) {
            throw broken("minimal config", "create returned null");
        }
        return created;
    }

    static void eachRequiredKeyIsNamedWhenMissing(Subject subject, Map<String, ?> minimal) {
        for (ConfigKey key : declaredKeys(subject)) {
            if (!key.isRequired()) {
                continue;
            }
            Map<String, Object> without = new LinkedHashMap<>(minimal);
            without.remove(key.name());
            TestHandlerContext context = TestHandlerContext.of(without);
            if (check(subject, context).stream().noneMatch(line -> line.contains("config." + key.name() + ":"))) {
                throw broken("required key", "the runtime does not refuse a block without required key '"
                        + key.name() + "'");
            }
            try {
                Object created = subject.create(context);
                closeQuietly(subject, created);
                throw broken("required key", "create succeeded without required key '" + key.name()
                        + "'; throw a ConfigException naming it (HandlerConfig.string(key) does)");
            } catch (ConfigException e) {
                if (!key.name().equals(e.key())) {
                    throw broken("required key", "without required key '" + key.name()
                            + "' create threw a ConfigException naming '" + e.key() + "'");
                }
            } catch (RuntimeException e) {
                throw broken("required key", "without required key '" + key.name() + "' create threw " + e
                        + " instead of a ConfigException naming it");
            }
        }
    }

    static void undeclaredKeyIsRefused(Subject subject, Map<String, ?> minimal) {
        declaredKeys(subject);
        Map<String, Object> extra = new LinkedHashMap<>(minimal);
        extra.put(UNDECLARED, "x");
        List<String> refused = check(subject, TestHandlerContext.of(extra));
        if (refused.stream().noneMatch(line -> line.contains("config." + UNDECLARED + ": unknown key"))) {
            throw broken("undeclared key", "a block with the undeclared key '" + UNDECLARED + "' is not refused");
        }
    }

    static void closeIsIdempotent(Subject subject, TestHandlerContext minimal) {
        Object created = minimalConfigCreates(subject, minimal);
        try {
            subject.close(created);
            subject.close(created);
        } catch (Exception | Error e) {
            throw broken("close idempotent", "a second close() threw " + e);
        }
    }

    /** Calls that throw a checked exception failed as a delivery may; anything else is a bug. */
    static void concurrentUseIsSafe(Subject subject, TestHandlerContext minimal, WorkflowEvent event,
                                    int threads, int callsEach) throws Exception {
        Object created = minimalConfigCreates(subject, minimal);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Throwable>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsEach; i++) {
                        try {
                            subject.use(created, event);
                        } catch (RuntimeException | Error e) {
                            return e;
                        } catch (Exception deliveryFailure) {
                            // e.g. an IOException: a failed delivery, retried by the runtime
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<Throwable> result : results) {
                Throwable failure = result.get(60, TimeUnit.SECONDS);
                if (failure != null) {
                    throw broken("concurrent use", threads + " threads calling at once: one call threw " + failure);
                }
            }
        } catch (java.util.concurrent.TimeoutException e) {
            throw broken("concurrent use", threads + " threads x " + callsEach + " calls did not finish in 60 s");
        } finally {
            pool.shutdownNow();
            closeQuietly(subject, created);
        }
    }

    static void changesNoJvmGlobalState(Subject subject, TestHandlerContext minimal, WorkflowEvent event)
            throws Exception {
        // The JDK writes user.timezone when the default time zone is first asked for: not the plugin's doing.
        java.util.TimeZone.getDefault();
        Properties properties = (Properties) System.getProperties().clone();
        Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        Set<Thread> hooks = shutdownHooks();

        Object created = minimalConfigCreates(subject, minimal);
        try {
            subject.use(created, event);
        } catch (Exception deliveryFailure) {
            // not this rule's concern
        }
        subject.close(created);

        if (!System.getProperties().equals(properties)) {
            Set<Object> changed = new HashSet<>(System.getProperties().entrySet());
            changed.removeAll(properties.entrySet());
            throw broken("jvm global state", "system properties changed: " + changed.stream()
                    .map(e -> ((Map.Entry<?, ?>) e).getKey()).toList());
        }
        if (Thread.getDefaultUncaughtExceptionHandler() != handler) {
            throw broken("jvm global state", "the default uncaught-exception handler was replaced");
        }
        if (Thread.currentThread().getContextClassLoader() != contextLoader) {
            throw broken("jvm global state", "the thread context class loader was left changed");
        }
        if (!shutdownHooks().equals(hooks)) {
            throw broken("jvm global state", "a shutdown hook was added or removed");
        }
    }

    /** Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}, which switchboard-plugin-parent sets. */
    @SuppressWarnings("unchecked")
    private static Set<Thread> shutdownHooks() {
        try {
            Field hooks = Class.forName("java.lang.ApplicationShutdownHooks").getDeclaredField("hooks");
            hooks.setAccessible(true);
            synchronized (Class.forName("java.lang.ApplicationShutdownHooks")) {
                return new HashSet<>(((Map<Thread, Thread>) hooks.get(null)).keySet());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AssertionError("cannot read the JVM's shutdown hooks (" + e + "); run the tests with"
                    + " --add-opens java.base/java.lang=ALL-UNNAMED, as switchboard-plugin-parent does");
        }
    }

    /**
     * Loads the JAR alone through the runtime's PF4J plugin loader, as {@code plugins/} would: it must
     * load without failure and provide the type from a class loader of its own.
     */
    static void jarLoadsInIsolation(String type, boolean handler, Path jar) throws Exception {
        if (jar == null || !Files.isRegularFile(jar)) {
            throw broken("isolated jar", "no plugin JAR at " + jar);
        }
        Path dir = Files.createTempDirectory("conformance-plugins");
        try {
            Files.copy(jar, dir.resolve(jar.getFileName()));
            try (PluginCatalog catalog = PluginCatalog.load(dir, RuntimeVersion.get())) {
                if (!catalog.failures().isEmpty() || !catalog.conflicts().isEmpty()) {
                    throw broken("isolated jar", jar.getFileName() + " did not load cleanly: " + catalog.failures()
                            + catalog.conflicts());
                }
                Optional<Object> factory = handler
                        ? catalog.handlerFactory(type).filter(e -> !PluginCatalog.BUILT_IN.equals(e.origin()))
                                .map(e -> e.factory())
                        : catalog.filterFactory(type).filter(e -> !PluginCatalog.BUILT_IN.equals(e.origin()))
                                .map(e -> e.factory());
                if (factory.isEmpty()) {
                    throw broken("isolated jar", jar.getFileName() + " does not provide " + (handler ? "handler" : "filter")
                            + " type '" + type + "'; is its factory listed in META-INF/services?");
                }
                if (factory.get().getClass().getClassLoader() == ConformanceRules.class.getClassLoader()) {
                    throw broken("isolated jar", "type '" + type + "' came from the test's class path, not the JAR's"
                            + " own class loader");
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static List<String> check(Subject subject, TestHandlerContext context) {
        return DeclaredKeys.check((ConfigBlock) context.config(), subject.configKeys(), "handler 'test'",
                "type " + subject.type());
    }

    private static void closeQuietly(Subject subject, Object created) {
        try {
            subject.close(created);
        } catch (Exception ignored) {
            // the rule already failed or passed; closing is clean-up
        }
    }
}
