package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link SqliteStoreFaultsTest}'s full-disk test, run under a file-size limit:
 * accepts events until the store cannot write, then reports {@code accepted N}, {@code failed
 * MESSAGE} and {@code again MESSAGE} (a second try). When a line {@code room} comes on stdin (the
 * parent has lifted the limit), it tries once more and reports {@code room accepted} or {@code room
 * MESSAGE}. Last comes {@code backlog N}.
 */
final class FileSizeLimitedStoreHolder {

    private FileSizeLimitedStoreHolder() {
    }

    public static void main(String[] args) throws Exception {
        String padding = "x".repeat(2_000);
        try (SqliteStore store = SqliteStore.at(Path.of(args[0])).sync(SqliteStore.Sync.NORMAL).open()) {
            int accepted = 0;
            try {
                while (accepted < 1_000_000) {
                    store.accept(WorkflowEvent.builder("step_complete").id("event-" + accepted)
                            .data(Map.of("padding", padding)).build(), List.of("audit"));
                    accepted++;
                }
            } catch (StoreException e) {
                System.out.println("accepted " + accepted);
                System.out.println("failed " + e.getMessage());
            }
            try {
                store.accept(WorkflowEvent.builder("step_complete").id("one-more").data(Map.of("padding", padding))
                        .build(), List.of("audit"));
                System.out.println("again accepted");
            } catch (StoreException e) {
                System.out.println("again " + e.getMessage());
            }
            System.out.flush();
            if ("room".equals(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine())) {
                try {
                    store.accept(WorkflowEvent.builder("step_complete").id("with-room").data(Map.of("padding", padding))
                            .build(), List.of("audit"));
                    System.out.println("room accepted");
                } catch (StoreException e) {
                    System.out.println("room " + e.getMessage());
                }
            }
            System.out.println("backlog " + store.queue("audit").backlog());
        } catch (StoreException e) {
            System.out.println("close " + e.getMessage());
        }
    }
}
