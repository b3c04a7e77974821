package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.HandlerStats;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.testing.RecordingHandlerFactory;
import dev.switchboard.core.testing.TestPluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real plugin JAR, compiled at test time, whose handlers overflow the stack or hang deaf to
 * interrupts, next to a healthy handler: on the real clock, through the embedding API.
 */
class PluginFaultsTest {

    private static final String FACTORY = """
            package com.example.faulty;

            import dev.switchboard.api.EventHandler;
            import dev.switchboard.api.HandlerContext;
            import dev.switchboard.api.spi.HandlerFactory;
            import java.nio.file.Files;
            import java.nio.file.Path;
            import java.util.concurrent.atomic.AtomicBoolean;

            public final class FaultyFactory implements HandlerFactory {
                @Override
                public String type() {
                    return "faulty";
                }

                @Override
                public EventHandler create(HandlerContext context) {
                    String fault = context.config().string("fault");
                    Path release = Path.of(context.config().string("release", "."));
                    AtomicBoolean hungOnce = new AtomicBoolean();
                    return event -> {
                        if (fault.equals("overflow")) {
                            recurse(0);
                        }
                        if (fault.equals("hang_first") && hungOnce.compareAndSet(false, true)) {
                            while (!Files.exists(release)) {
                                try {
                                    Thread.sleep(5);
                                } catch (InterruptedException ignored) {
                                    // deaf to the timeout on purpose
                                }
                            }
                        }
                    };
                }

                private static int recurse(int depth) {
                    return recurse(depth + 1) + 1;
                }
            }
            """;

    @TempDir
    Path dir;

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void handlersThatOverflowOrHangDeafToInterruptsLeaveTheirLanesAndOthersDelivering() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPluginJar.named("faulty").handlerFactory("com.example.faulty.FaultyFactory", FACTORY).writeTo(plugins);
        Path release = dir.resolve("release");
        String overflow = "overflow-" + id;
        String hang = "hang-" + id;
        String healthy = "healthy-" + id;
        String config = """
                version: 1
                handlers:
                  - {name: %s, type: faulty, events: ["*"], concurrency: 1, config: {fault: overflow}}
                  - {name: %s, type: faulty, events: ["*"], concurrency: 1, timeout: 200ms, retry: {attempts: 1},
                     config: {fault: hang_first, release: "%s"}}
                  - {name: %s, type: recording, events: ["*"]}
                """.formatted(overflow, hang, release.toString().replace("\\\\", "/"), healthy);
        try (Switchboard switchboard = Switchboard.builder().configText(config).pluginsDir(plugins).build()) {
            try {
                for (int i = 0; i < 3; i++) {
                    switchboard.publish(WorkflowEvent.builder("step_complete").build());
                }
                assertThat(switchboard.awaitIdle(Duration.ofSeconds(10))).isTrue();

                assertThat(stats(switchboard, overflow)).isEqualTo(new HandlerStats(overflow, "faulty", 0, 0, 3, 0, 0));
                assertThat(stats(switchboard, hang)).isEqualTo(new HandlerStats(hang, "faulty", 2, 0, 1, 0, 1));
                assertThat(switchboard.recentFailures().get(hang)).singleElement().asString()
                        .contains("did not stop when interrupted");
                assertThat(RecordingHandlerFactory.of(healthy).events).hasSize(3);
            } finally {
                Files.createFile(release);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (stats(switchboard, hang).stuckThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(stats(switchboard, hang).stuckThreads()).isZero();
        }
    }

    private static HandlerStats stats(Switchboard switchboard, String handler) {
        return switchboard.stats().stream().filter(s -> s.name().equals(handler)).findFirst().orElseThrow();
    }
}
