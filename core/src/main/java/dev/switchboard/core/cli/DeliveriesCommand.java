package dev.switchboard.core.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.store.DeliveryState;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code switchboard deliveries}: lists stored deliveries, dead letters by default, newest first, as
 * a table or as JSON lines in the API's shape; of a stopped runtime's data folder or through a
 * running one's API (see {@link DeliveriesTarget}). Exit 0, or 2 for a usage, configuration, store
 * or API error.
 */
@Command(name = "deliveries", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List stored deliveries (dead letters by default), newest first.")
final class DeliveriesCommand implements Callable<Integer> {

    private static final List<String> STATES = Arrays.stream(DeliveryState.values()).map(DeliveryState::column).toList();

    @Mixin
    DeliveriesTarget target;

    @Option(names = "--state", paramLabel = "STATE", defaultValue = "dead",
            description = "dead (the default), pending, in_flight or delivered.")
    String state;

    @Option(names = "--handler", paramLabel = "NAME", description = "Only this handler's.")
    String handler;

    @Option(names = "--event-id", paramLabel = "ID", description = "Only this event's.")
    String eventId;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N (1-1000, default 100).")
    int limit;

    @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Skip the N newest (default 0).")
    int offset;

    @Option(names = "--json", description = "One JSON object per line, as GET /v1/deliveries answers them.")
    boolean json;

    @Override
    public Integer call() {
        DeliveryState wanted = DeliveryState.parse(state).orElseThrow(() ->
                new UsageError("--state " + state + ": must be one of " + String.join(", ", STATES)));
        if (limit < 1 || limit > 1000) {
            throw new UsageError("--limit " + limit + ": must be from 1 to 1000");
        }
        if (offset < 0) {
            throw new UsageError("--offset " + offset + ": must not be negative");
        }
        List<Map<String, Object>> items;
        try (DeliveriesClient client = target.open()) {
            items = client.list(wanted, blankToNull(handler), blankToNull(eventId), offset, limit);
        } catch (ConfigProblem problem) {
            problem.lines().forEach(System.err::println);
            return Main.USAGE;
        }
        if (json) {
            for (Map<String, Object> item : items) {
                System.out.println(jsonLine(item));
            }
        } else if (items.isEmpty()) {
            System.out.println("no " + wanted.column() + " deliveries");
        } else {
            DeliveryTable.print(items, System.out);
        }
        return Main.OK;
    }

    private static String jsonLine(Map<String, Object> item) {
        try {
            return EventJson.mapper().writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a delivery read as JSON is always JSON", e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
