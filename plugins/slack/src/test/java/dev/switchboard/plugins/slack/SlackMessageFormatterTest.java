package dev.switchboard.plugins.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.WorkflowEvent;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlackMessageFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackMessageFormatter attachments =
            new SlackMessageFormatter("#workflows", "Strands Workflows", SlackFormat.ATTACHMENTS);
    private final SlackMessageFormatter blocks =
            new SlackMessageFormatter("#alerts", "Bot", SlackFormat.BLOCKS);

    private static WorkflowEvent.Builder stepComplete() {
        return WorkflowEvent.builder("step_complete")
                .sessionId("a1b2c3d4-e5f6-7890")
                .specName("research-workflow")
                .patternType("chain")
                .data(Map.of("step_index", 1, "response", "Step output...",
                        "duration_seconds", 12.5));
    }

    @Test
    void formatsAStepCompleteAsTheSeedsAttachment() {
        assertJson(attachments.format(stepComplete().build()), """
                {"channel": "#workflows", "username": "Strands Workflows",
                 "attachments": [{
                   "color": "good",
                   "title": ":white_check_mark: *step_complete* - research-workflow",
                   "fields": [
                     {"title": "Step", "value": "1", "short": true},
                     {"title": "Duration", "value": "12.50s", "short": true}],
                   "footer": "Session: a1b2c3d4"}]}
                """);
    }

    @Test
    void formatsAStepCompleteAsAnEquivalentBlockKitMessage() {
        assertJson(blocks.format(stepComplete().build()), """
                {"channel": "#alerts", "username": "Bot",
                 "text": ":white_check_mark: *step_complete* - research-workflow",
                 "blocks": [
                   {"type": "section",
                    "text": {"type": "mrkdwn",
                             "text": ":white_check_mark: *step_complete* - research-workflow"},
                    "fields": [
                      {"type": "mrkdwn", "text": "*Step*\\n1"},
                      {"type": "mrkdwn", "text": "*Duration*\\n12.50s"}]},
                   {"type": "context",
                    "elements": [{"type": "mrkdwn", "text": "Session: a1b2c3d4"}]}]}
                """);
    }

    @ParameterizedTest
    @CsvSource({
        "workflow_start, :rocket:",
        "step_complete, :white_check_mark:",
        "hitl_pause, :hand:",
        "error, :x:",
        "workflow_complete, :tada:",
        "routing_decision, :bell:",
        "something_new, :bell:"})
    void titlesEachEventTypeWithTheSeedsEmoji(String eventType, String emoji) {
        WorkflowEvent event = WorkflowEvent.builder(eventType).specName("spec").build();

        assertThat(attachment(attachments.format(event)).get("title"))
                .isEqualTo(emoji + " *" + eventType + "* - spec");
        assertThat(blocks.format(event).get("text")).isEqualTo(emoji + " *" + eventType + "* - spec");
    }

    @ParameterizedTest
    @CsvSource({
        "workflow_complete, good",
        "step_complete, good",
        "task_complete, good",
        "branch_complete, good",
        "workflow_start, warning",
        "hitl_pause, warning",
        "error, warning",
        "complete, warning",
        "workflow_completed, warning"})
    void coloursCompleteEventsGoodAndEveryOtherWarning(String eventType, String colour) {
        WorkflowEvent event = WorkflowEvent.builder(eventType).specName("spec").build();

        assertThat(attachment(attachments.format(event)).get("color")).isEqualTo(colour);
    }

    @Test
    void leavesOutTheFieldsTheDataDoesNotHave() {
        WorkflowEvent noData = WorkflowEvent.builder("workflow_start").specName("s")
                .sessionId("session-1").build();
        WorkflowEvent onlyDuration = WorkflowEvent.builder("workflow_complete").specName("s")
                .sessionId("session-1").data(Map.of("duration_seconds", 3)).build();

        assertJson(attachments.format(noData), """
                {"channel": "#workflows", "username": "Strands Workflows",
                 "attachments": [{"color": "warning", "title": ":rocket: *workflow_start* - s",
                                  "fields": [], "footer": "Session: session-"}]}
                """);
        assertThat(attachment(attachments.format(onlyDuration)).get("fields")).isEqualTo(
                List.of(Map.of("title", "Duration", "value", "3.00s", "short", true)));
        assertJson(blocks.format(noData), """
                {"channel": "#alerts", "username": "Bot",
                 "text": ":rocket: *workflow_start* - s",
                 "blocks": [
                   {"type": "section", "text": {"type": "mrkdwn", "text": ":rocket: *workflow_start* - s"}},
                   {"type": "context", "elements": [{"type": "mrkdwn", "text": "Session: session-"}]}]}
                """);
    }

    @Test
    void treatsANullDataValueAsAbsent() {
        Map<String, Object> data = new java.util.HashMap<>();
        data.put("step_index", null);
        data.put("duration_seconds", 1.0);
        WorkflowEvent event = WorkflowEvent.builder("step_complete").data(data).build();

        assertThat(attachment(attachments.format(event)).get("fields")).isEqualTo(
                List.of(Map.of("title", "Duration", "value", "1.00s", "short", true)));
    }

    @Test
    void writesADashForANullSessionIdAndKeepsAShortOneWhole() {
        WorkflowEvent noSession = WorkflowEvent.builder("error").specName("s").build();
        WorkflowEvent shortSession = WorkflowEvent.builder("error").specName("s")
                .sessionId("abc").build();

        assertThat(attachment(attachments.format(noSession)).get("footer")).isEqualTo("Session: -");
        assertThat(attachment(attachments.format(shortSession)).get("footer"))
                .isEqualTo("Session: abc");
        assertThat(footerBlockText(blocks.format(noSession))).isEqualTo("Session: -");
    }

    @Test
    void cutsTheSessionIdAtEightCharactersNotEightUtf16Units() {
        WorkflowEvent event = WorkflowEvent.builder("error")
                .sessionId("\uD83D\uDE80\uD83D\uDE80abcdefgh").build();

        assertThat(attachment(attachments.format(event)).get("footer"))
                .isEqualTo("Session: \uD83D\uDE80\uD83D\uDE80abcdef");
    }

    @Test
    void titlesAnEventWithoutSpecNameWithItsTypeOnly() {
        WorkflowEvent event = WorkflowEvent.builder("error").build();

        assertThat(attachment(attachments.format(event)).get("title")).isEqualTo(":x: *error*");
    }

    @Test
    void formatsTheDurationWithAPointWhateverTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            WorkflowEvent event = stepComplete().build();

            assertThat(fieldValues(attachments.format(event))).containsExactly("1", "12.50s");
        } finally {
            Locale.setDefault(saved);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "2.5, 2.50s",
        "0.125, 0.12s",       // exactly representable: half-even, as Python's format
        "2.675, 2.67s",       // really 2.67499999…, as Python prints it
        "1234.5678, 1234.57s",
        "0, 0.00s"})
    void roundsTheDurationAsThePythonSeedDoes(double seconds, String shown) {
        WorkflowEvent event = WorkflowEvent.builder("step_complete")
                .data(Map.of("duration_seconds", seconds)).build();

        assertThat(fieldValues(attachments.format(event))).containsExactly(shown);
    }

    @Test
    void showsANumericTextDurationAsSecondsAndOtherTextAsItIs() {
        WorkflowEvent numeric = WorkflowEvent.builder("step_complete")
                .data(Map.of("duration_seconds", "2.5")).build();
        WorkflowEvent text = WorkflowEvent.builder("step_complete")
                .data(Map.of("duration_seconds", "about a minute")).build();

        assertThat(fieldValues(attachments.format(numeric))).containsExactly("2.50s");
        assertThat(fieldValues(attachments.format(text))).containsExactly("about a minute");
    }

    @Test
    void escapesSlackControlCharactersSoEventTextCannotMentionTheChannel() {
        WorkflowEvent event = WorkflowEvent.builder("error").specName("<!channel> R&D")
                .data(Map.of("step_index", "<@U123>")).build();

        Map<String, Object> attachment = attachment(attachments.format(event));
        assertThat(attachment.get("title")).isEqualTo(":x: *error* - &lt;!channel&gt; R&amp;D");
        assertThat(fieldValues(attachments.format(event))).containsExactly("&lt;@U123&gt;");
    }

    @Test
    void truncatesALongSpecNameToSlacksSectionTextLimit() {
        WorkflowEvent event = WorkflowEvent.builder("error").specName("x".repeat(5000)).build();

        String title = (String) attachment(attachments.format(event)).get("title");
        Map<String, Object> message = blocks.format(event);
        assertThat(title).hasSize(3000).startsWith(":x: *error* - xxx").endsWith("x…");
        assertThat(message.get("text")).isEqualTo(title);
        assertThat(sectionText(message)).isEqualTo(title);
    }

    @Test
    void truncatesALongFieldValueToSlacksFieldLimit() {
        WorkflowEvent event = WorkflowEvent.builder("step_complete")
                .data(Map.of("step_index", "7".repeat(2500))).build();

        String value = fieldValues(attachments.format(event)).get(0);
        String blockField = sectionFieldTexts(blocks.format(event)).get(0);
        assertThat(value).hasSize(2000).startsWith("777").endsWith("7…");
        assertThat(blockField).hasSize(2000).startsWith("*Step*\n777").endsWith("7…");
    }

    @Test
    void keepsAValueThatExactlyFitsUntouched() {
        WorkflowEvent event = WorkflowEvent.builder("step_complete")
                .data(Map.of("step_index", "7".repeat(2000))).build();

        assertThat(fieldValues(attachments.format(event)).get(0)).isEqualTo("7".repeat(2000));
    }

    @Test
    void leavesOutChannelAndUsernameWhenNoneIsConfigured() {
        SlackMessageFormatter bare = new SlackMessageFormatter(null, null, SlackFormat.ATTACHMENTS);

        assertThat(bare.format(stepComplete().build())).containsOnlyKeys("attachments");
    }

    // ---- helpers: read the JSON tree the way Slack would

    private static void assertJson(Map<String, Object> actual, String expected) {
        try {
            String expectedCompact = JSON.readTree(expected).toString();
            assertThat(JSON.writeValueAsString(actual)).isEqualTo(expectedCompact);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attachment(Map<String, Object> message) {
        return ((List<Map<String, Object>>) message.get("attachments")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<String> fieldValues(Map<String, Object> message) {
        return ((List<Map<String, Object>>) attachment(message).get("fields")).stream()
                .map(field -> (String) field.get("value")).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> block(Map<String, Object> message, int index) {
        return ((List<Map<String, Object>>) message.get("blocks")).get(index);
    }

    @SuppressWarnings("unchecked")
    private static String sectionText(Map<String, Object> message) {
        return (String) ((Map<String, Object>) block(message, 0).get("text")).get("text");
    }

    @SuppressWarnings("unchecked")
    private static List<String> sectionFieldTexts(Map<String, Object> message) {
        return ((List<Map<String, Object>>) block(message, 0).get("fields")).stream()
                .map(field -> (String) field.get("text")).toList();
    }

    @SuppressWarnings("unchecked")
    private static String footerBlockText(Map<String, Object> message) {
        return (String) ((List<Map<String, Object>>) block(message, 1).get("elements")).get(0)
                .get("text");
    }
}
