package dev.switchboard.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.core.event.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/** One request and its answer, with the few reading and writing helpers every endpoint needs. */
final class Exchange {

    static final String JSON = "application/json";
    /**
     * How much of a body beyond the limit is read and dropped before the 413; a larger one is
     * answered at once and its connection closed.
     */
    static final long DISCARDED_AT_MOST = 16L << 20;

    final Request request;
    final Response response;
    private final Callback callback;
    /** Path segments the route captured, e.g. the session id of {@code /v1/sessions/{id}}. */
    final List<String> pathParameters;
    private Fields query;

    Exchange(Request request, Response response, Callback callback, List<String> pathParameters) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.pathParameters = pathParameters;
    }

    String pathParameter(int index) {
        return pathParameters.get(index);
    }

    /** @return the first value of a query parameter, or null */
    String query(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        return query.getValue(name);
    }

    String header(HttpHeader header) {
        return request.getHeaders().get(header);
    }

    /**
     * Reads the whole body, never more than {@code maxBytes} of it.
     *
     * @throws ApiError 413 when the body is larger
     */
    byte[] body(int maxBytes) throws ApiError, IOException {
        long declared = request.getLength();
        if (declared > maxBytes) {
            if (declared - maxBytes <= DISCARDED_AT_MOST) {
                try (InputStream in = Request.asInputStream(request)) {
                    discard(in);
                }
            }
            throw tooLarge(maxBytes);
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                discard(in);
                throw tooLarge(maxBytes);
            }
            return body;
        } catch (InterruptedIOException e) {
            throw new ApiError(HttpStatus.REQUEST_TIMEOUT_408, "the body did not arrive in time (server.timeouts.read)");
        } catch (IOException | RuntimeException e) {
            HttpException http = HttpException.asHttpException(e);
            if (e.getCause() instanceof TimeoutException) {
                throw new ApiError(HttpStatus.REQUEST_TIMEOUT_408, "the body did not arrive in time (server.timeouts.read)");
            }
            if (e instanceof HttpException || e.getCause() instanceof HttpException) {
                throw new ApiError(http.getCode(), "the body could not be read: " + http.getReason());
            }
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "the body could not be read");
        }
    }

    /**
     * Reads and drops the rest of a body too large to take, at most {@link #DISCARDED_AT_MOST} bytes
     * of it: a client still sending when the connection closes may never see the answer (its TCP
     * stack resets the connection and drops it), so the 413 waits for the body's end.
     */
    private static void discard(InputStream in) {
        byte[] buffer = new byte[16_384];
        long left = DISCARDED_AT_MOST;
        try {
            int read;
            while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
                left -= read;
            }
        } catch (IOException | RuntimeException e) {
            // The body stopped coming (a timeout, a closed connection): the 413 is sent anyway.
        }
    }

    private static ApiError tooLarge(int maxBytes) {
        return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE_413, "the body is larger than " + maxBytes
                + " bytes (server.max_body_bytes)");
    }

    /** An answer written once what it waited for is done; what it throws is answered as {@link Routes#fail} says. */
    @FunctionalInterface
    interface Answer {
        void write() throws Exception;
    }

    /**
     * Answers once {@code done} completes, on one of the server's threads: no thread waits meanwhile,
     * and the one completing {@code done} (the store's) is not kept writing the answer.
     */
    void answerWhen(CompletableFuture<?> done, Answer answer) {
        done.whenCompleteAsync((result, failure) -> {
            try {
                answer.write();
            } catch (Exception | LinkageError e) {
                Routes.fail(this, e);
            }
        }, request.getComponents().getExecutor());
    }

    void json(int status, Object body) {
        write(status, JSON, toJson(body));
    }

    /** Answers with JSON already written. */
    void json(int status, byte[] json) {
        write(status, JSON, json);
    }

    static byte[] toJson(Object body) {
        try {
            return EventJson.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("answer is not serialisable as JSON", e);
        }
    }

    void error(ApiError error) {
        error.headers.forEach((name, value) -> response.getHeaders().put(name, value));
        json(error.status, error.body());
    }

    void text(int status, String contentType, String body) {
        write(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with these bytes as they are. */
    void bytes(int status, String contentType, byte[] body) {
        write(status, contentType, body);
    }

    void empty(int status) {
        response.setStatus(status);
        callback.succeeded();
    }

    private void write(int status, String contentType, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }
}
