package dev.switchboard.plugins.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WebhookEventHandler;
import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.core.testing.MapHandlerConfig;
import dev.switchboard.core.testing.TestHandlerContext;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The config block: defaults, and every mistake reported as a ConfigException naming its key. */
class DatadogSettingsTest {

    @Test
    void defaultsToStatsdOnTheLocalAgentWithTheSeedsPrefix() {
        DatadogSettings settings = DatadogSettings.read(MapHandlerConfig.of());

        assertThat(settings.mode).isEqualTo(DatadogSettings.Mode.STATSD);
        assertThat(settings.host).isEqualTo("127.0.0.1");
        assertThat(settings.port).isEqualTo(8125);
        assertThat(settings.originDetection).isTrue();
        assertThat(settings.metrics.eventsMetric()).isEqualTo("strands.workflow.events");
        assertThat(settings.metrics.durationMetric()).isEqualTo("strands.workflow.duration");
        assertThat(settings.apiUrl).isEqualTo("https://api.datadoghq.com/api/v1/series");
        assertThat(settings.apiKey).isNull();
    }

    @Test
    void rejectsAnUnknownMode() {
        assertConfigError(MapHandlerConfig.of("mode", "agent"), "mode", "unknown mode 'agent'; expected statsd or api");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertConfigError(MapHandlerConfig.of("port", 70000), "port", "must be between 1 and 65535, was 70000");
        assertConfigError(MapHandlerConfig.of("port", 0), "port", "must be between 1 and 65535, was 0");
    }

    @Test
    void rejectsAPortThatIsNotANumber() {
        assertConfigError(MapHandlerConfig.of("port", "eighty"), "port", "must be a whole number");
    }

    @Test
    void requiresAnApiKeyInApiMode() {
        assertConfigError(MapHandlerConfig.of("mode", "api"), "api_key", "required key is missing");
        assertConfigError(MapHandlerConfig.of("mode", "api", "api_key", " "), "api_key", "must not be empty");
    }

    @Test
    void rejectsAnApiUrlThatIsNotAnHttpUrlWithoutEchoingIt() {
        ConfigException error = configError(MapHandlerConfig.of("mode", "api", "api_key", "k",
                "api_url", "api.datadoghq.com/api/v1/series?api_key=hidden"));

        assertThat(error.key()).isEqualTo("api_url");
        assertThat(error.getMessage()).isEqualTo("must be an absolute http or https URL").doesNotContain("hidden");
    }

    @Test
    void rejectsAPrefixThatIsNotAMetricName() {
        assertConfigError(MapHandlerConfig.of("prefix", "9lives"), "prefix", null);
        assertConfigError(MapHandlerConfig.of("prefix", "strands.workflow."), "prefix", null);
    }

    @Test
    void rejectsATagThatWouldBreakTheDatagram() {
        assertConfigError(MapHandlerConfig.of("tags", List.of("env:prod,team:ml")), "tags", null);
        assertConfigError(MapHandlerConfig.of("tags", List.of("a|b")), "tags", null);
    }

    @Test
    void declaresEveryKeyItReadsSoThatTheRuntimeRefusesATypo() {
        assertThat(new DatadogHandlerFactory().configKeys()).extracting(key -> key.name()).containsExactly(
                "mode", "prefix", "tags", "host", "port", "origin_detection", "api_url", "api_key");
    }

    @Test
    void neverPutsTheApiKeyIntoAnError() {
        ConfigException error = configError(MapHandlerConfig.of("mode", "api", "api_key", "s3cr3t-key", "port", -1));

        assertThat(error.key()).isEqualTo("port");
        assertThat(error.getMessage()).doesNotContain("s3cr3t-key");
        assertThat(DatadogSettings.read(MapHandlerConfig.of("mode", "api", "api_key", "s3cr3t-key")).toString())
                .doesNotContain("s3cr3t-key");
    }

    @Test
    void reportsAHostThatCannotBeResolvedAsAConfigError() {
        // A malformed IPv6 literal fails in the resolver without any lookup on the network.
        ConfigException error = configError(MapHandlerConfig.of("host", "[::1"), new DatadogHandlerFactory());

        assertThat(error.key()).isEqualTo("host");
        assertThat(error.getMessage()).startsWith("cannot start the DogStatsD client for [::1:8125: ");
    }

    @Test
    void isFoundByServiceLoaderAsTypeDatadog() {
        assertThat(ServiceLoader.load(HandlerFactory.class).stream().map(ServiceLoader.Provider::get))
                .filteredOn(factory -> factory.type().equals("datadog"))
                .singleElement()
                .isInstanceOf(DatadogHandlerFactory.class);
    }

    @Test
    void createsAWebhookHandlerInApiModeAndAStatsdHandlerOtherwise() throws Exception {
        HandlerFactory factory = new DatadogHandlerFactory();

        assertThat(factory.create(TestHandlerContext.of("dd", MapHandlerConfig.of("mode", "api", "api_key", "k"))))
                .isInstanceOf(WebhookEventHandler.class);
        try (EventHandler statsd = factory.create(TestHandlerContext.of("dd", MapHandlerConfig.of("mode", "statsd")))) {
            assertThat(statsd).isInstanceOf(StatsdHandler.class);
        }
    }

    private static void assertConfigError(MapHandlerConfig config, String key, String message) {
        ConfigException error = configError(config);
        assertThat(error.key()).isEqualTo(key);
        if (message != null) {
            assertThat(error.getMessage()).isEqualTo(message);
        }
    }

    private static ConfigException configError(MapHandlerConfig config) {
        return configError(config, null);
    }

    private static ConfigException configError(MapHandlerConfig config, HandlerFactory factory) {
        return (ConfigException) assertThatThrownBy(() -> {
            if (factory == null) {
                DatadogSettings.read(config);
            } else {
                factory.create(TestHandlerContext.of("dd", config)).close();
            }
        }).asInstanceOf(type(ConfigException.class)).actual();
    }
}
