package dev.switchboard.plugins.slack;

import dev.switchboard.api.WorkflowEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a workflow event into a Slack incoming-webhook message: the seed's attachment, or an
 * equivalent Block Kit message. Pure and thread-safe.
 */
final class SlackMessageFormatter {

    private static final Map<String, String> EMOJI = Map.of(
            "workflow_start", ":rocket:",
            "step_complete", ":white_check_mark:",
            "hitl_pause", ":hand:",
            "error", ":x:",
            "workflow_complete", ":tada:");
    private static final String DEFAULT_EMOJI = ":bell:";
    private static final int SESSION_PREFIX = 8;

    private final String channel;
    private final String username;
    private final SlackFormat format;

    /**
     * @param channel the channel to post to, or null to leave the webhook's own channel
     * @param username the name to post as, or null to leave the webhook's own name
     * @param format the message shape
     */
    SlackMessageFormatter(String channel, String username, SlackFormat format) {
        this.channel = channel;
        this.username = username;
        this.format = format;
    }

    /**
     * @param event the event
     * @return the message as a JSON tree, keys in the order Slack's examples use
     */
    Map<String, Object> format(WorkflowEvent event) {
        String title = title(event);
        List<Field> fields = fields(event.data());
        String footer = footer(event.sessionId());

        Map<String, Object> message = new LinkedHashMap<>();
        if (channel != null) {
            message.put("channel", channel);
        }
        if (username != null) {
            message.put("username", username);
        }
        if (format == SlackFormat.BLOCKS) {
            message.put("text", title);
            message.put("blocks", blocks(title, fields, footer));
        } else {
            message.put("attachments", List.of(attachment(event, title, fields, footer)));
        }
        return message;
    }

    private static String title(WorkflowEvent event) {
        String emoji = EMOJI.getOrDefault(event.eventType(), DEFAULT_EMOJI);
        String text = emoji + " *" + SlackText.escape(event.eventType()) + "*";
        if (event.specName() != null) {
            text += " - " + SlackText.escape(event.specName());
        }
        return SlackText.truncate(text, SlackText.TEXT_MAX);
    }

    private static List<Field> fields(Map<String, Object> data) {
        List<Field> fields = new ArrayList<>(2);
        Object step = data.get("step_index");
        if (step != null) {
            fields.add(new Field("Step", String.valueOf(step)));
        }
        Object duration = data.get("duration_seconds");
        if (duration != null) {
            fields.add(new Field("Duration", seconds(duration)));
        }
        return fields;
    }

    /** Formats like Python's {@code f"{x:.2f}s"}: the exact binary value, rounded half-even. */
    private static String seconds(Object duration) {
        Double value = null;
        if (duration instanceof Number number) {
            value = number.doubleValue();
        } else {
            try {
                value = Double.valueOf(duration.toString().trim());
            } catch (NumberFormatException notANumber) {
                return duration.toString();
            }
        }
        if (value.isNaN() || value.isInfinite()) {
            return duration.toString();
        }
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "s";
    }

    private static String footer(String sessionId) {
        String session = sessionId == null || sessionId.isEmpty()
                ? "-"
                : SlackText.escape(SlackText.prefix(sessionId, SESSION_PREFIX));
        return "Session: " + session;
    }

    private static Map<String, Object> attachment(WorkflowEvent event, String title,
                                                  List<Field> fields, String footer) {
        List<Map<String, Object>> attachmentFields = new ArrayList<>(fields.size());
        for (Field field : fields) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("title", field.title());
            json.put("value", SlackText.truncate(SlackText.escape(field.value()),
                    SlackText.FIELD_MAX));
            json.put("short", true);
            attachmentFields.add(json);
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("color", event.eventType().endsWith("_complete") ? "good" : "warning");
        attachment.put("title", title);
        attachment.put("fields", attachmentFields);
        attachment.put("footer", footer);
        return attachment;
    }

    private static List<Object> blocks(String title, List<Field> fields, String footer) {
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("type", "section");
        section.put("text", mrkdwn(title));
        if (!fields.isEmpty()) {
            List<Object> sectionFields = new ArrayList<>(fields.size());
            for (Field field : fields) {
                String text = "*" + field.title() + "*\n" + SlackText.escape(field.value());
                sectionFields.add(mrkdwn(SlackText.truncate(text, SlackText.FIELD_MAX)));
            }
            section.put("fields", sectionFields);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("type", "context");
        context.put("elements", List.of(mrkdwn(footer)));
        return List.of(section, context);
    }

    private static Map<String, Object> mrkdwn(String text) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", "mrkdwn");
        object.put("text", text);
        return object;
    }

    private record Field(String title, String value) {
    }
}
