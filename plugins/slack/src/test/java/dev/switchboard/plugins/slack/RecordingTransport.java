package dev.switchboard.plugins.slack;

import dev.switchboard.api.HttpTransport;
import dev.switchboard.api.WorkflowEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the runtime's HTTP client: records each POST and answers 2xx. */
final class RecordingTransport implements HttpTransport {

    record Post(String url, Map<String, String> headers, Object body, WorkflowEvent event) {
    }

    final List<Post> posts = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> postJson(String url, Map<String, String> headers, Object body,
                                          WorkflowEvent event) {
        posts.add(new Post(url, headers, body, event));
        return CompletableFuture.completedFuture(null);
    }
}
