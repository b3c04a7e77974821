package dev.switchboard.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.PayloadTemplate;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.MapHandlerConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsltTemplatesTest {

    private static PayloadTemplate compile(String template) {
        return JsltTemplates.compile(new MapHandlerConfig(Map.of("url", "http://x", "template", template)));
    }

    private static WorkflowEvent event(Map<String, Object> data) {
        return WorkflowEvent.builder("step_complete").id("ev-1").sessionId("s-1").specName("research")
                .data(data).build();
    }

    @Test
    void aBlockWithoutTemplateKeysHasNoTemplate() {
        assertThat(JsltTemplates.compile(new MapHandlerConfig(Map.of("url", "http://x")))).isNull();
    }

    @Test
    void theTemplateSeesTheSeedShapeAndTheEventIdAndGivesAJsonTree() throws Exception {
        PayloadTemplate template = compile(
                "{\"text\": .event_type + \" in \" + .spec_name, \"n\": .data.n, \"id\": $event_id,"
                        + " \"tags\": [for (.data.tags) uppercase(.)]}");
        assertThat(template.render(event(Map.of("n", 3, "tags", List.of("a", "b")))))
                .isEqualTo(Map.of("text", "step_complete in research", "n", 3, "id", "ev-1", "tags", List.of("A", "B")));
    }

    @Test
    void aSyntaxErrorNamesTheOffendingTokensPlaceAndAFewExpectedTokensOnOneLine() {
        TemplateSyntaxError error = catchThrowableOfType(TemplateSyntaxError.class,
                () -> compile("{\"a\": .x,\n \"b\": [1, 2\n}"));
        assertThat(error.location()).isEqualTo("template:3:1");
        assertThat(error.key()).isEqualTo("template");
        assertThat(error.getMessage()).isEqualTo("does not compile: Parse error: Encountered \"}\"; expected one of"
                + " \"]\" \",\" \"or\" \"and\" \"==\" \"!=\" …");
    }

    @Test
    void theParsersOtherMessagesAreShortenedToo() {
        assertThat(JsltTemplates.shorten("Parse error: Encountered \"<EOF>\" at line 1, column 6.\n"
                + "Was expecting one of:\n    <INTEGER> ...\n    \"[\" ...\n"))
                .isEqualTo("Parse error: Encountered \"<EOF>\"; expected one of <INTEGER> \"[\"");
        assertThat(JsltTemplates.shorten(JsltTemplates.oneLine("Parse error: Encountered \" \"}\" \"} \"\" at line 1,"
                + " column 10.\nWas expecting:\n    \"(\" ...\n")))
                .isEqualTo("Parse error: Encountered \"}\"; expected \"(\"");
    }

    @Test
    void anErrorCallFailsTheDeliveryForGoodWithItsMessage() {
        PayloadTemplate template = compile("if (.data.x) {\"x\": .data.x} else error(\"data.x is required\")");
        DeliveryException failure = catchThrowableOfType(DeliveryException.class, () -> template.render(event(Map.of())));
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("config.template failed for this event: ")
                .contains("data.x is required");
    }

    @Test
    void aFunctionAppliedToTheWrongTypeFailsTheDeliveryForGood() {
        PayloadTemplate template = compile("{\"n\": number(.data.text)}");
        DeliveryException failure = catchThrowableOfType(DeliveryException.class,
                () -> template.render(event(Map.of("text", "not a number"))));
        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure.getMessage()).startsWith("config.template failed for this event: ");
    }

    @Test
    void aNullOutputSendsNothingAndFails() {
        PayloadTemplate template = compile(".data.missing");
        assertThat(catchThrowableOfType(DeliveryException.class, () -> template.render(event(Map.of()))))
                .hasMessage("config.template produced null for this event; nothing was sent");
    }
}
