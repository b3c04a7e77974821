package dev.switchboard.core.http;

import java.util.List;
import java.util.Map;

/**
 * A request a handler would have sent, as built for sending: method, URL, headers in order
 * (including {@code Content-Type}) and the body's exact bytes.
 */
public record CapturedRequest(String method, String url, List<Map.Entry<String, String>> headers, byte[] body) {
}
