package dev.switchboard.testkit;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.HttpTransport;
import dev.switchboard.core.config.ConfigBlocks;
import dev.switchboard.core.config.ConfigProblem;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * The {@link HandlerContext} a factory gets in a test, as the runtime would give it: the
 * {@code config:} block is read by the runtime's own loader, so every getter answers and fails as in
 * production. By default it records every HTTP request ({@link #http()} is a {@link RecordingTransport}
 * that answers 2xx) and shows a {@link ManualClock} at 2025-01-01T00:00:00Z.
 *
 * <pre>{@code
 * TestHandlerContext context = TestHandlerContext.yaml("""
 *         webhook_url: ${SLACK_URL}
 *         channel: "#ops"
 *         """, Map.of("SLACK_URL", "http://127.0.0.1:9/hook"));
 * EventHandler handler = new SlackHandlerFactory().create(context);
 * handler.handle(event);
 * assertEquals(1, context.recording().posts().size());
 * }</pre>
 *
 * Immutable; {@code with…} return copies.
 */
public final class TestHandlerContext implements HandlerContext {

    /** What {@link #clock()} shows until a test advances it. */
    public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    private final String name;
    private final HandlerConfig config;
    private final HttpTransport http;
    private final Clock clock;

    private TestHandlerContext(String name, HandlerConfig config, HttpTransport http, Clock clock) {
        this.name = name;
        this.config = config;
        this.http = http;
        this.clock = clock;
    }

    /**
     * @param config the {@code config:} block as maps, lists and scalars; values are taken
     *     literally (no {@code ${VAR}})
     * @return a context for a handler named {@code test}
     */
    public static TestHandlerContext of(Map<String, ?> config) {
        return new TestHandlerContext("test", ConfigBlocks.fromMap(config), new RecordingTransport(),
                new ManualClock(START));
    }

    /** @param yaml the block's keys as YAML @return a context for a handler named {@code test} */
    public static TestHandlerContext yaml(String yaml) {
        return yaml(yaml, Map.of());
    }

    /**
     * @param yaml the block's keys as YAML, e.g. {@code "url: ${HOOK_URL}"}
     * @param env the environment {@code ${VAR}} reads: where secrets come from
     * @return a context for a handler named {@code test}
     * @throws IllegalArgumentException if the runtime would refuse the text
     */
    public static TestHandlerContext yaml(String yaml, Map<String, String> env) {
        try {
            return new TestHandlerContext("test", ConfigBlocks.fromYaml(yaml, env), new RecordingTransport(),
                    new ManualClock(START));
        } catch (ConfigProblem e) {
            throw new IllegalArgumentException("the runtime refuses this config: " + e.getMessage(), e);
        }
    }

    /** @param newName the handler's name @return a copy with it */
    public TestHandlerContext withName(String newName) {
        return new TestHandlerContext(newName, config, http, clock);
    }

    /** @param transport e.g. a real one, or a {@link RecordingTransport} with scripted failures @return a copy */
    public TestHandlerContext withHttp(HttpTransport transport) {
        return new TestHandlerContext(name, config, transport, clock);
    }

    /** @param newClock e.g. a {@link ManualClock} the test keeps @return a copy using it */
    public TestHandlerContext withClock(Clock newClock) {
        return new TestHandlerContext(name, config, http, newClock);
    }

    /** @return the recording transport @throws IllegalStateException if another transport was set */
    public RecordingTransport recording() {
        if (http instanceof RecordingTransport recording) {
            return recording;
        }
        throw new IllegalStateException("this context uses " + http + ", not a RecordingTransport");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public HandlerConfig config() {
        return config;
    }

    @Override
    public HttpTransport http() {
        return http;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public String runtimeVersion() {
        return "0.1.0";
    }
}
