package dev.switchboard.core.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private IncomingEvents() {
    }

    /**
     * One event or a JSON array of them, read straight from the bytes (no tree, no text copy). A
     * body that is not JSON is refused as such even when an earlier event has a bad field.
     */
    static List<WorkflowEvent> fromJson(byte[] body) throws ApiError {
        requireUtf8(body);
        try (JsonParser parser = EventJson.mapper().createParser(body)) {
            JsonToken root = parser.nextToken();
            if (root == null) {
                throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body holds no event");
            }
            List<WorkflowEvent> events = new ArrayList<>(root == JsonToken.START_ARRAY ? 16 : 1);
            ApiError firstBad = null;
            if (root == JsonToken.START_ARRAY) {
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    try {
                        events.add(EventJson.read(parser));
                    } catch (InvalidEventException e) {
                        firstBad = firstBad != null ? firstBad : invalid(e, index, null);
                    }
                    index++;
                }
                if (index == 0) {
                    throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body holds no event");
                }
            } else {
                try {
                    events.add(EventJson.read(parser));
                } catch (InvalidEventException e) {
                    firstBad = invalid(e, -1, null);
                }
            }
            if (parser.nextToken() != null) {
                // The seed's senders post exactly one value; trailing text is a mistake, not ignored.
                throw new ApiError(HttpStatus.BAD_REQUEST_400, "invalid JSON: trailing text after the first value");
            }
            if (firstBad != null) {
                throw firstBad;
            }
            return events;
        } catch (JsonProcessingException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "invalid JSON: " + e.getMessage());
        }
    }

    /** One event per line (blank lines skipped), each line parsed from the body's own bytes. */
    static List<WorkflowEvent> fromNdjson(byte[] body) throws ApiError {
        requireUtf8(body);
        List<WorkflowEvent> events = new ArrayList<>();
        int line = 0;
        int start = 0;
        while (start <= body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            if (!blank(body, start, end)) {
                events.add(line(body, start, end, events.size(), line));
            }
            start = end + 1;
        }
        if (events.isEmpty()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body holds no event");
        }
        return events;
    }

    private static WorkflowEvent line(byte[] body, int start, int end, int index, int line) throws ApiError {
        try (JsonParser parser = EventJson.mapper().createParser(body, start, end - start)) {
            parser.nextToken();
            WorkflowEvent event = EventJson.read(parser);
            if (parser.nextToken() != null) {
                throw withLine(new ApiError(HttpStatus.BAD_REQUEST_400,
                        "line " + line + ": invalid JSON: trailing text after the first value"), line);
            }
            return event;
        } catch (InvalidEventException e) {
            throw invalid(e, index, line);
        } catch (JsonProcessingException e) {
            throw withLine(new ApiError(HttpStatus.BAD_REQUEST_400,
                    "line " + line + ": invalid JSON: " + e.getOriginalMessage()), line);
        } catch (IOException e) {
            throw withLine(new ApiError(HttpStatus.BAD_REQUEST_400, "line " + line + ": invalid JSON: " + e.getMessage()), line);
        }
    }

    private static boolean blank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /** Plain ASCII (the common case) needs no decoding; anything else is decoded strictly once. */
    private static void requireUtf8(byte[] body) throws ApiError {
        if (isAscii(body)) {
            return;
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body is not valid UTF-8");
        }
    }

    /** Eight bytes at a time: no byte of plain ASCII has its high bit set. */
    static boolean isAscii(byte[] bytes) {
        long seen = 0;
        int i = 0;
        for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            seen |= (long) LONGS.get(bytes, i);
        }
        for (; i < bytes.length; i++) {
            seen |= bytes[i]; // a byte of 0x80 or more sign-extends into the high bits too
        }
        return (seen & 0x8080808080808080L) == 0;
    }

    private static ApiError invalid(InvalidEventException e, int index, Integer line) {
        String where = line != null ? "line " + line + ": " : index >= 0 ? "event " + index + ": " : "";
        ApiError error = new ApiError(HttpStatus.BAD_REQUEST_400, where + e.getMessage(), e.field());
        if (index >= 0) {
            error.with("index", index);
        }
        return withLine(error, line);
    }

    private static ApiError withLine(ApiError error, Integer line) {
        if (line != null) {
            error.with("line", line);
        }
        return error;
    }
}
