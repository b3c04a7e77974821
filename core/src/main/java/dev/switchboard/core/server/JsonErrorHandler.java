package dev.switchboard.core.server;

import dev.switchboard.core.event.EventJson;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a header too large, a malformed request line, a URI it refuses) as
 * {@code {"error": "..."}} like every other answer, never an HTML page or a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws java.io.IOException {
        String reason = cause instanceof HttpException http && http.getReason() != null ? http.getReason()
                : HttpStatus.getMessage(code);
        if (message != null && cause == null) {
            reason = message;
        }
        byte[] body = EventJson.mapper().writeValueAsBytes(Map.of("error", reason));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Exchange.JSON);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
