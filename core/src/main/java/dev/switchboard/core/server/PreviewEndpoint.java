package dev.switchboard.core.server;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Preview;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code POST /v1/preview[?handler=NAME]} with one event as the body: what each handler (or the
 * one named) would send for it, and which handlers the event does not match and why. Nothing is
 * sent, accepted or stored.
 */
final class PreviewEndpoint implements Endpoint {

    private final Switchboard switchboard;
    private final int maxBodyBytes;

    PreviewEndpoint(Switchboard switchboard, int maxBodyBytes) {
        this.switchboard = switchboard;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(Exchange exchange) throws Exception {
        WorkflowEvent event;
        try {
            event = EventJson.parse(new String(exchange.body(maxBodyBytes), StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, e.getMessage(), e.field());
        }
        String handler = exchange.query("handler");
        Preview preview;
        try {
            preview = switchboard.preview(event, handler);
        } catch (IllegalArgumentException unknown) {
            throw new ApiError(HttpStatus.NOT_FOUND_404, unknown.getMessage(), "handler");
        }
        exchange.json(HttpStatus.OK_200, preview.toJson());
    }
}
