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

/** {@code POST /v1/events} waits for the store without holding one of the server's threads per post. */
class EventIngestConcurrencyTest {

    /** More than the server has threads (32). */
    private static final int POSTS = 100;

    @Test
    void morePostsThanTheServerHasThreadsWaitForTheStoreTogether() throws Exception {
        DeliveryStore store = spy(new MemoryStore(Clock.systemUTC(), BacklogLimits.of(1_000)));
        CompletableFuture<Void> durable = new CompletableFuture<>();
        AtomicInteger waiting = new AtomicInteger();
        doAnswer(call -> {
            CompletableFuture<?> accepted = (CompletableFuture<?>) call.callRealMethod();
            waiting.incrementAndGet();
            return accepted.thenCompose(done -> durable);
        }).when(store).acceptAsync(any(), any(), any(), any());

        try (TestService service = TestService.start(SwitchboardServer.builder().environment(Map.of())
                .configText("version: 1\nhandlers:\n  - {name: sink, type: recording, events: [\"*\"]}\n")
                .store(store))) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < POSTS; i++) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(service.uri("/v1/events"))
                        .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"event_type\": \"step_complete\", \"data\": {\"n\": "
                                + i + "}}")).build(), HttpResponse.BodyHandlers.ofString()));
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
}
