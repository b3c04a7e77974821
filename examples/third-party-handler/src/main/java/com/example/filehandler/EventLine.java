package com.example.filehandler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.WorkflowEvent;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One event as one line of JSON: the runtime's id, then the seed's keys, then a newline. */
final class EventLine {

    // Thread-safe once configured; shared by every handler of this plugin.
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLine() {
    }

    /**
     * @param event the event
     * @return its JSON line, UTF-8, ending in {@code \n} (JSON escapes any newline inside values)
     */
    static byte[] of(WorkflowEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("event_type", event.eventType());
        json.put("timestamp", event.timestamp());
        json.put("session_id", event.sessionId());
        json.put("spec_name", event.specName());
        json.put("pattern_type", event.patternType());
        json.put("data", event.data());
        try {
            byte[] body = JSON.writeValueAsBytes(json);
            byte[] line = new byte[body.length + 1];
            System.arraycopy(body, 0, line, 0, body.length);
            line[body.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event " + event.id() + " as JSON", e);
        }
    }
}
