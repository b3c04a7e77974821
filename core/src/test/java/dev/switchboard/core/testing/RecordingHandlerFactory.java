package dev.switchboard.core.testing;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.api.spi.HandlerFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code type: recording}, a handler for tests found on the host class path: records every event
 * it receives (with the time and thread), and can be scripted to fail its first
 * {@code fail_times} attempts ({@code failure: retryable|permanent|io|bug}) or to take
 * {@code delay} per attempt. Recordings are kept per handler name; use a unique name per test.
 */
public final class RecordingHandlerFactory implements HandlerFactory {

    private static final Map<String, Recording> RECORDINGS = new ConcurrentHashMap<>();

    /** What one handler received. */
    public static final class Recording {
        public final List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
        public final List<Long> attemptNanos = new CopyOnWriteArrayList<>();
        public final List<String> threads = new CopyOnWriteArrayList<>();
        public final List<ClassLoader> contextLoaders = new CopyOnWriteArrayList<>();
        public final AtomicInteger attempts = new AtomicInteger();
        public volatile boolean closed;
    }

    public static Recording of(String handlerName) {
        return RECORDINGS.computeIfAbsent(handlerName, name -> new Recording());
    }

    @Override
    public String type() {
        return "recording";
    }

    @Override
    public EventHandler create(HandlerContext context) {
        HandlerConfig config = context.config();
        int failTimes = config.integer("fail_times", 0);
        String failure = config.string("failure", "retryable");
        Duration delay = config.duration("delay", Duration.ZERO);
        Recording recording = of(context.name());
        return new EventHandler() {
            @Override
            public void handle(WorkflowEvent event) throws Exception {
                int attempt = recording.attempts.incrementAndGet();
                recording.attemptNanos.add(System.nanoTime());
                recording.threads.add(Thread.currentThread().getName());
                recording.contextLoaders.add(Thread.currentThread().getContextClassLoader());
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                if (attempt <= failTimes) {
                    fail(failure, attempt);
                }
                recording.events.add(event);
            }

            @Override
            public void close() {
                recording.closed = true;
            }
        };
    }

    private static void fail(String failure, int attempt) throws Exception {
        switch (failure) {
            case "permanent":
                throw DeliveryException.permanent("scripted permanent failure " + attempt);
            case "io":
                throw new IOException("scripted connection failure " + attempt);
            case "bug":
                throw new IllegalStateException("scripted bug " + attempt);
            default:
                throw DeliveryException.retryable("scripted retryable failure " + attempt);
        }
    }
}
