package dev.switchboard.plugins.datadog;

import dev.switchboard.api.HttpTransport;
import dev.switchboard.api.WorkflowEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what a webhook handler asks the runtime's HTTP client to POST, and answers 2xx. */
final class RecordingTransport implements HttpTransport {

    record Post(String url, Map<String, String> headers, Object body, WorkflowEvent event) {
    }

    private final List<Post> posts = new CopyOnWriteArrayList<>();

    List<Post> posts() {
        return posts;
    }

    @Override
    public CompletionStage<Void> postJson(String url, Map<String, String> headers, Object body,
                                          WorkflowEvent event) {
        posts.add(new Post(url, headers, body, event));
        return CompletableFuture.completedFuture(null);
    }
}
