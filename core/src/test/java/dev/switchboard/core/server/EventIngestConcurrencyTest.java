package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import dev.switchboard.core.store.BacklogLimits;
import dev.switchboard.core.store.DeliveryStore;
import dev.switchboard.core.store.MemoryStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/events} waits for the store without holding one of the server's threads per post,
 * up to its budget of events; on a memory store whose commits are held until the test lets them go.
 */
class EventIngestConcurrencyTest {

    /** More than the server has threads (32). */
    private static final int POSTS = 100;

    /** Counts the events accepted and holds each one's durability until {@link #durable} completes. */
    private final CompletableFuture<Void> durable = new CompletableFuture<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void morePostsThanTheServerHasThreadsWaitForTheStoreTogether() throws Exception {
        try (TestService service = startOnHeldStore()) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                answers.add(post(service, "application/json", "{\"event_type\": \"step_complete\", \"data\": {\"n\": "
                        + i + "}}"));
            }

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (waiting.get() < POSTS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(waiting).as("posts waiting for the store at once").hasValue(POSTS);
            assertThat(answers).noneMatch(CompletableFuture::isDone);

            durable.complete(null);
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            }
        }
    }

    @Test
    void postsBeyondTheBudgetOfEventsAwaitedByNoThreadWaitOnTheirThreads() throws Exception {
        int events = EventsEndpoint.AWAITED_BY_NO_THREAD + 1;
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < events; i++) {
            ndjson.append("{\"event_type\": \"step_complete\"}\n");
        }
        try (TestService service = startOnHeldStore()) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < POSTS / 2; i++) {
                answers.add(post(service, EventsEndpoint.NDJSON, ndjson.toString()));
            }

            // Each post holds one of the server's 32 threads, so no more than 32 posts' events arrive.
            int seen = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (waiting.get() != seen && System.nanoTime() < deadline) {
                seen = waiting.get();
                Thread.sleep(1_000);
            }
            assertThat(seen).as("events waiting for the store once no more arrive").isPositive()
                    .isLessThanOrEqualTo(32 * events);

            durable.complete(null);
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
            }
            assertThat(waiting).hasValue(POSTS / 2 * events);
        }
    }

    private TestService startOnHeldStore() throws Exception {
        DeliveryStore store = spy(new MemoryStore(Clock.systemUTC(), BacklogLimits.of(1_000_000)));
        doAnswer(call -> {
            CompletableFuture<?> accepted = (CompletableFuture<?>) call.callRealMethod();
            waiting.incrementAndGet();
            return accepted.thenCompose(done -> durable);
        }).when(store).acceptAsync(any(), any(), any(), any());
        return TestService.start(SwitchboardServer.builder().environment(Map.of())
                .configText("version: 1\nhandlers:\n  - {name: sink, type: recording, events: [\"*\"]}\n")
                .store(store));
    }

    private CompletableFuture<HttpResponse<String>> post(TestService service, String contentType, String body) {
        return client.sendAsync(HttpRequest.newBuilder(service.uri("/v1/events")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
