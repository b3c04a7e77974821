package dev.switchboard.testkit;

import dev.switchboard.api.HttpTransport;
import dev.switchboard.api.WorkflowEvent;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the runtime's HTTP client: records the url, headers, body and event of each POST,
 * and answers 2xx unless the test scripted other answers with {@link #thenFail}. Thread-safe.
 */
public final class RecordingTransport implements HttpTransport {

    /** One POST a handler asked for. */
    public record Post(String url, Map<String, String> headers, Object body, WorkflowEvent event) {
    }

    /** A scripted answer; a null failure is a 2xx. */
    private record Answer(Throwable failure) {
    }

    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();

    /** @return every POST so far, in the order they were made */
    public List<Post> posts() {
        return Collections.unmodifiableList(posts);
    }

    /**
     * The next unanswered POST fails with {@code failure}, as the real transport fails: a
     * {@link dev.switchboard.api.DeliveryException} for an answer, an {@link java.io.IOException}
     * for a timeout or a lost connection.
     *
     * @return this, to script the answer after
     */
    public RecordingTransport thenFail(Throwable failure) {
        script.add(new Answer(failure));
        return this;
    }

    /** The next unanswered POST gets a 2xx, e.g. after a {@link #thenFail}. @return this */
    public RecordingTransport thenSucceed() {
        script.add(new Answer(null));
        return this;
    }

    @Override
    public CompletionStage<Void> postJson(String url, Map<String, String> headers, Object body,
                                          WorkflowEvent event) {
        posts.add(new Post(url, headers, body, event));
        Answer answer = script.poll();
        return answer == null || answer.failure() == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(answer.failure());
    }
}
