package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.WorkflowEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The fake HTTP client records each POST whole and answers as scripted, then 2xx. */
class RecordingTransportTest {

    private static final WorkflowEvent EVENT = WorkflowEvent.builder("error").id("evt-1").build();

    @Test
    void recordsEachPostAndAnswers2xxByDefault() {
        RecordingTransport http = new RecordingTransport();

        CompletableFuture<Void> answer = http.postJson("http://127.0.0.1:9/hook",
                Map.of("X-Key", "k"), Map.of("text", "hi"), EVENT).toCompletableFuture();

        assertThat(answer).isCompletedWithValue(null);
        assertThat(http.posts()).containsExactly(new RecordingTransport.Post(
                "http://127.0.0.1:9/hook", Map.of("X-Key", "k"), Map.of("text", "hi"), EVENT));
    }

    @Test
    void answersThePostsInTheScriptedOrderThen2xx() {
        DeliveryException busy = DeliveryException.retryable("503 from the test");
        RecordingTransport http = new RecordingTransport().thenFail(busy).thenSucceed()
                .thenFail(DeliveryException.permanent("400 from the test"));

        assertThat(post(http)).isCompletedExceptionally().failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .havingCause().isSameAs(busy);
        assertThat(post(http)).isCompletedWithValue(null);
        assertThat(post(http)).isCompletedExceptionally();
        assertThat(post(http)).isCompletedWithValue(null);
        assertThat(http.posts()).hasSize(4);
    }

    private static CompletableFuture<Void> post(RecordingTransport http) {
        return http.postJson("http://127.0.0.1:9/hook", Map.of(), "{}", EVENT).toCompletableFuture();
    }
}
