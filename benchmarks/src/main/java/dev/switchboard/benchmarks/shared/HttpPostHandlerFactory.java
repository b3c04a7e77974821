package dev.switchboard.benchmarks.shared;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code type: http-post}: a blocking handler that posts each event's type and id to
 * {@code config.url} with the JDK client and fails on any answer but 2xx: one worker thread per
 * attempt in flight, so a handler's {@code concurrency} is exactly its requests in flight.
 */
public final class HttpPostHandlerFactory implements HandlerFactory {

    @Override
    public String type() {
        return "http-post";
    }

    @Override
    public EventHandler create(HandlerContext context) {
        URI url = URI.create(context.config().string("url"));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return event -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                    .header("webhook-id", event.id())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"event_type\": \"" + event.eventType() + "\"}"))
                    .build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                throw DeliveryException.retryable("HTTP " + status);
            }
        };
    }
}
