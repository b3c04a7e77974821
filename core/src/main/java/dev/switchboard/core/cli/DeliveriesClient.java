package dev.switchboard.core.cli;

import dev.switchboard.core.store.DeliveryState;
import dev.switchboard.core.store.IdReplay;
import java.util.List;
import java.util.Map;

/**
 * What {@code deliveries} and {@code replay} do, against a stopped runtime's store
 * ({@link LocalDeliveries}) or through a running one's API ({@link RemoteDeliveries}). Failures
 * are {@link UsageError}s: one line, exit 2.
 */
interface DeliveriesClient extends AutoCloseable {

    /** @return the page, each delivery in the API's JSON shape (see {@code DeliveryJson}) */
    List<Map<String, Object>> list(DeliveryState state, String handler, String eventId, int offset, int limit);

    /** Replays the dead letters among the ids and names the others. */
    IdReplay.Outcome replay(List<Long> ids);

    /**
     * @param handler whose dead letters, or null for every handler's
     * @return how many were replayed
     */
    int replayAll(String handler);

    /**
     * Enables a handler that a 410 disabled.
     *
     * @return whether it was disabled
     */
    boolean enable(String handler);

    @Override
    void close();
}
