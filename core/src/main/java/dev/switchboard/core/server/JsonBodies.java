package dev.switchboard.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.event.EventJson;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpStatus;

/** Reads the small JSON object a command route takes as its body, answering 400 for anything else. */
final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * @param example a valid body, quoted in the error for one that is no JSON object
     * @return the body's object
     * @throws ApiError 400 for invalid JSON or JSON other than an object
     */
    static JsonNode object(byte[] body, String example) throws ApiError {
        JsonNode root;
        try {
            root = EventJson.mapper().readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "invalid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "send a JSON object such as " + example);
        }
        return root;
    }
}
