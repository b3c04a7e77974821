package dev.switchboard.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpStatus;

/**
 * Turns the body of {@code POST /v1/events} into events: one seed-shaped JSON object, a JSON array
 * of them, or NDJSON (one object per line, blank lines skipped). All or nothing: the first bad event
 * makes the whole body a 400 naming it (its index, its NDJSON line) and its field.
 */
final class IncomingEvents {

    /** The seed's senders post exactly one value; trailing text after it is a mistake, not ignored. */
    private static final ObjectReader READER = EventJson.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private IncomingEvents() {
    }

    static List<WorkflowEvent> fromJson(byte[] body) throws ApiError {
        JsonNode root = readTree(utf8(body), null);
        if (root == null || root.isMissingNode()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body holds no event");
        }
        if (!root.isArray()) {
            return List.of(event(root, -1, null));
        }
        if (root.isEmpty()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body holds no event");
        }
        List<WorkflowEvent> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            events.add(event(root.get(i), i, null));
        }
        return events;
    }

    static List<WorkflowEvent> fromNdjson(byte[] body) throws ApiError {
        String text = utf8(body);
        List<WorkflowEvent> events = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            line++;
            String content = text.substring(start, end);
            if (!content.isBlank()) {
                events.add(event(readTree(content, line), events.size(), line));
            }
            start = end + 1;
        }
        if (events.isEmpty()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body holds no event");
        }
        return events;
    }

    private static String utf8(byte[] body) throws ApiError {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body is not valid UTF-8");
        }
    }

    private static JsonNode readTree(String text, Integer line) throws ApiError {
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            ApiError error = new ApiError(HttpStatus.BAD_REQUEST_400,
                    (line == null ? "" : "line " + line + ": ") + "invalid JSON: " + e.getOriginalMessage());
            return throwWithLine(error, line);
        }
    }

    private static WorkflowEvent event(JsonNode node, int index, Integer line) throws ApiError {
        try {
            return EventJson.fromNode(node);
        } catch (InvalidEventException e) {
            String where = line != null ? "line " + line + ": " : index >= 0 ? "event " + index + ": " : "";
            ApiError error = new ApiError(HttpStatus.BAD_REQUEST_400, where + e.getMessage(), e.field());
            if (index >= 0) {
                error.with("index", index);
            }
            return throwWithLine(error, line);
        } catch (IllegalArgumentException e) {
            // Jackson refused to convert the data tree (e.g. a number beyond its limits).
            ApiError error = new ApiError(HttpStatus.BAD_REQUEST_400, "data cannot be read: " + e.getMessage(), "data");
            return throwWithLine(error, line);
        }
    }

    private static <T> T throwWithLine(ApiError error, Integer line) throws ApiError {
        if (line != null) {
            error.with("line", line);
        }
        throw error;
    }
}
