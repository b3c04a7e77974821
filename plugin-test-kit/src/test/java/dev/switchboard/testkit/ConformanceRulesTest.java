package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.api.spi.HandlerFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin broken in each way the suite checks fails it, with a message naming the rule. */
class ConformanceRulesTest {

    private static final WorkflowEvent EVENT = WorkflowEvent.builder("error").id("e-1").build();
    private static final Map<String, ?> MINIMAL = Map.of("url", "http://127.0.0.1:9/x");

    /** A well-behaved factory; each test breaks one thing. */
    private static class Good implements HandlerFactory {
        @Override
        public String type() {
            return "good";
        }

        @Override
        public List<ConfigKey> configKeys() {
            return List.of(ConfigKey.string("url", "where").required());
        }

        @Override
        public EventHandler create(HandlerContext context) {
            context.config().string("url");
            return event -> { };
        }
    }

    private static TestHandlerContext minimal() {
        return TestHandlerContext.of(MINIMAL);
    }

    @Test
    void aWellBehavedFactoryPassesEveryRule() throws Exception {
        Subject good = Subject.of(new Good());

        assertThatCode(() -> {
            ConformanceRules.typeIsValid(good);
            ConformanceRules.declaredKeys(good);
            ConformanceRules.minimalConfigCreates(good, minimal());
            ConformanceRules.eachRequiredKeyIsNamedWhenMissing(good, MINIMAL);
            ConformanceRules.undeclaredKeyIsRefused(good, MINIMAL);
            ConformanceRules.closeIsIdempotent(good, minimal());
            ConformanceRules.concurrentUseIsSafe(good, minimal(), EVENT, 4, 10);
            ConformanceRules.changesNoJvmGlobalState(good, minimal(), EVENT);
        }).doesNotThrowAnyException();
    }

    @Test
    void anUppercaseTypeBreaksRuleType() {
        Subject broken = Subject.of(new Good() {
            @Override
            public String type() {
                return "Good";
            }
        });

        assertThatThrownBy(() -> ConformanceRules.typeIsValid(broken)).hasMessageStartingWith("rule 'type':");
    }

    @Test
    void declaringNothingBreaksRulesDeclaredKeysAndUndeclaredKey() {
        Subject broken = Subject.of(new Good() {
            @Override
            public List<ConfigKey> configKeys() {
                return null;
            }
        });

        assertThatThrownBy(() -> ConformanceRules.declaredKeys(broken)).hasMessageStartingWith("rule 'declared keys':");
        assertThatThrownBy(() -> ConformanceRules.undeclaredKeyIsRefused(broken, MINIMAL))
                .hasMessageStartingWith("rule 'declared keys':");
    }

    @Test
    void aCreateThatFailsOnTheMinimalConfigBreaksRuleMinimalConfig() {
        Subject broken = Subject.of(new Good() {
            @Override
            public EventHandler create(HandlerContext context) {
                throw new IllegalStateException("cannot start");
            }
        });

        assertThatThrownBy(() -> ConformanceRules.minimalConfigCreates(broken, minimal()))
                .hasMessageStartingWith("rule 'minimal config':").hasMessageContaining("cannot start");
    }

    @Test
    void aRequiredKeyTheFactoryDoesNotReadBreaksRuleRequiredKey() {
        Subject broken = Subject.of(new Good() {
            @Override
            public EventHandler create(HandlerContext context) {
                return event -> { };
            }
        });

        assertThatThrownBy(() -> ConformanceRules.eachRequiredKeyIsNamedWhenMissing(broken, MINIMAL))
                .hasMessageStartingWith("rule 'required key':").hasMessageContaining("'url'");
    }

    @Test
    void aSecondCloseThatThrowsBreaksRuleCloseIdempotent() {
        Subject broken = Subject.of(new Good() {
            @Override
            public EventHandler create(HandlerContext context) {
                return new EventHandler() {
                    private boolean closed;

                    @Override
                    public void handle(WorkflowEvent event) {
                    }

                    @Override
                    public void close() {
                        if (closed) {
                            throw new IllegalStateException("already closed");
                        }
                        closed = true;
                    }
                };
            }
        });

        assertThatThrownBy(() -> ConformanceRules.closeIsIdempotent(broken, minimal()))
                .hasMessageStartingWith("rule 'close idempotent':");
    }

    @Test
    void aHandlerThatIsNotThreadSafeBreaksRuleConcurrentUse() {
        Subject broken = Subject.of(new Good() {
            @Override
            public EventHandler create(HandlerContext context) {
                List<Integer> shared = new ArrayList<>();
                return event -> {
                    for (int i = 0; i < 1_000; i++) {
                        shared.add(i);
                        for (Integer ignored : shared.subList(Math.max(0, shared.size() - 5), shared.size())) {
                            Thread.onSpinWait();
                        }
                    }
                };
            }
        });

        assertThatThrownBy(() -> ConformanceRules.concurrentUseIsSafe(broken, minimal(), EVENT, 8, 50))
                .hasMessageStartingWith("rule 'concurrent use':");
    }

    @Test
    void settingASystemPropertyBreaksRuleJvmGlobalState() {
        Subject broken = Subject.of(new Good() {
            @Override
            public EventHandler create(HandlerContext context) {
                System.setProperty("conformance.broken", "yes");
                return event -> { };
            }
        });
        try {
            assertThatThrownBy(() -> ConformanceRules.changesNoJvmGlobalState(broken, minimal(), EVENT))
                    .hasMessageStartingWith("rule 'jvm global state':").hasMessageContaining("conformance.broken");
        } finally {
            System.clearProperty("conformance.broken");
        }
    }

    @Test
    void addingAShutdownHookBreaksRuleJvmGlobalState() {
        Thread hook = new Thread(() -> { });
        Subject broken = Subject.of(new Good() {
            @Override
            public EventHandler create(HandlerContext context) {
                Runtime.getRuntime().addShutdownHook(hook);
                return event -> { };
            }
        });
        try {
            assertThatThrownBy(() -> ConformanceRules.changesNoJvmGlobalState(broken, minimal(), EVENT))
                    .hasMessageStartingWith("rule 'jvm global state':").hasMessageContaining("shutdown hook");
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }

    @Test
    void replacingTheUncaughtExceptionHandlerOrLeavingTheContextLoaderBreaksRuleJvmGlobalState() {
        Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
        Subject handlerThief = Subject.of(new Good() {
            @Override
            public EventHandler create(HandlerContext context) {
                Thread.setDefaultUncaughtExceptionHandler((t, e) -> { });
                return event -> { };
            }
        });
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Subject loaderSwapper = Subject.of(new Good() {
            @Override
            public EventHandler create(HandlerContext context) {
                Thread.currentThread().setContextClassLoader(new ClassLoader(loader) { });
                return event -> { };
            }
        });
        try {
            assertThatThrownBy(() -> ConformanceRules.changesNoJvmGlobalState(handlerThief, minimal(), EVENT))
                    .hasMessageStartingWith("rule 'jvm global state':").hasMessageContaining("uncaught-exception");
            assertThatThrownBy(() -> ConformanceRules.changesNoJvmGlobalState(loaderSwapper, minimal(), EVENT))
                    .hasMessageStartingWith("rule 'jvm global state':").hasMessageContaining("context class loader");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(original);
            Thread.currentThread().setContextClassLoader(loader);
        }
    }

    @Test
    void aJarThatIsMissingOrProvidesNothingBreaksRuleIsolatedJar(@TempDir Path dir) throws Exception {
        Path empty = dir.resolve("empty.jar");
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Plugin-Id", "empty");
        manifest.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(empty), manifest).close();

        assertThatThrownBy(() -> ConformanceRules.jarLoadsInIsolation("good", true, dir.resolve("none.jar")))
                .hasMessageStartingWith("rule 'isolated jar':");
        assertThatThrownBy(() -> ConformanceRules.jarLoadsInIsolation("good", true, empty))
                .hasMessageStartingWith("rule 'isolated jar':").hasMessageContaining("does not provide");
    }
}
