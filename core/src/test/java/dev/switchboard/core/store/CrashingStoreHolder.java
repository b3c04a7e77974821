package dev.switchboard.core.store;

import dev.switchboard.api.WorkflowEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link SqliteStoreCrashTest}: holds a store on the given file and works it
 * until it is killed, printing {@code ack ID} once an accept has returned (so is durable), and for
 * each delivery it leases first {@code settle ID} or {@code keep ID} (what it means to do), then,
 * once the settle has returned, {@code done ID} (delivered) or {@code retry ID DUE_MILLIS}
 * (scheduled). A kept delivery stays leased, as one in flight at a crash.
 */
final class CrashingStoreHolder {

    private CrashingStoreHolder() {
    }

    public static void main(String[] args) throws Exception {
        Clock clock = Clock.systemUTC();
        SqliteStore store = SqliteStore.at(Path.of(args[0])).clock(clock).open();
        System.out.println("open");
        HandlerQueue queue = store.queue("audit");
        for (int seq = 0; ; seq++) {
            String id = "event-" + seq;
            store.accept(WorkflowEvent.builder("step_complete").id(id).data(Map.of("seq", seq)).build(),
                    List.of("audit"));
            System.out.println("ack " + id);
            if (seq % 3 == 0) {
                StoredDelivery delivery = queue.poll(Duration.ZERO);
                System.out.println("settle " + delivery.eventId());
                if (seq % 2 == 0) {
                    queue.delivered(delivery);
                    System.out.println("done " + delivery.eventId());
                } else {
                    Instant due = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
                    queue.retryAt(delivery, due, "HTTP 503");
                    System.out.println("retry " + delivery.eventId() + " " + due.toEpochMilli());
                }
            } else if (seq % 7 == 0) {
                System.out.println("keep " + queue.poll(Duration.ZERO).eventId());
            }
        }
    }
}
