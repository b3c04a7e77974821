package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.WorkflowEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The distribution's conf/logback.xml, both formats, with a delivery's failure line: JSON has the
 * delivery's fields as fields; text has a date in its timestamp.
 */
class DeliveryLogFormatTest {

    private static final Path DISTRIBUTION_CONFIG = Path.of(System.getProperty("user.dir"))
            .resolve("../distribution/src/main/dist/conf/logback.xml").normalize();

    private final PrintStream originalErr = System.err;

    @AfterEach
    void restoreTestLogging() throws Exception {
        System.setErr(originalErr);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        String testConfig = System.getProperty("logback.configurationFile");
        if (testConfig != null) {
            configure(context, Path.of(testConfig), null);
        }
    }

    private static void configure(LoggerContext context, Path file, String format) throws Exception {
        if (format != null) {
            context.putProperty("SWITCHBOARD_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(file.toFile());
    }

    private String failureLoggedAs(String format) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        configure(context, DISTRIBUTION_CONFIG, format);
        // A warning would make logback print its whole start-up status on every start.
        assertThat(new StatusUtil(context).getHighestLevel(0)).as("logback's status").isLessThan(Status.WARN);
        FailureLog log = new FailureLog("audit", "webhook", Clock.systemUTC(), SecretMasker.NONE);
        WorkflowEvent event = WorkflowEvent.builder("step_complete").id("ev-7").build();
        // The lane masks the reason before it is logged.
        log.failed(42L, event, 3, "HTTP 400: bad token ***");
        context.stop();
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theJsonFormatIsOneObjectPerLineWithTheDeliverysFields() throws Exception {
        String printed = failureLoggedAs("json");

        assertThat(printed.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(printed);
        assertThat(line.get("level").asText()).isEqualTo("WARN");
        assertThat(line.get("@timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
        assertThat(line.get("handler").asText()).isEqualTo("audit");
        assertThat(line.get("plugin").asText()).isEqualTo("webhook");
        assertThat(line.get("event_id").asText()).isEqualTo("ev-7");
        assertThat(line.get("delivery_id").asText()).isEqualTo("42");
        assertThat(line.get("attempt").asText()).isEqualTo("3");
        assertThat(line.get("status").asText()).isEqualTo("failed");
        assertThat(line.get("message").asText()).contains("HTTP 400: bad token ***");
    }

    @Test
    void theTextFormatKeepsADateInItsTimestamp() throws Exception {
        String printed = failureLoggedAs(null);

        assertThat(printed).matches("(?s)\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) WARN  "
                + "HandlerLane - handler 'audit' \\(plugin webhook\\): event ev-7 \\(step_complete\\) attempt 3:"
                + " HTTP 400: bad token \\*\\*\\* — failed for good\\R");
    }
}
