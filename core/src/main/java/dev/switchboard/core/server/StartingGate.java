package dev.switchboard.core.server;

import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What the server answers while the runtime behind it is still being built: {@code /readyz} and
 * {@code /healthz} say so, anything else is 503 with {@code Retry-After: 1}. {@link #open} hands
 * every request to the routes from then on.
 */
final class StartingGate extends Handler.Wrapper {

    StartingGate() {
        super(true); // dynamic: the routes are set once the server has started
    }

    void open(Handler routes) {
        setHandler(routes);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler routes = getHandler();
        if (routes != null) {
            return routes.handle(request, response, callback);
        }
        Exchange exchange = new Exchange(request, response, callback, List.of());
        String path = Request.getPathInContext(request);
        if (path.equals("/healthz")) {
            exchange.json(HttpStatus.OK_200, Map.of("status", "ok"));
        } else if (path.equals("/readyz")) {
            exchange.json(HttpStatus.SERVICE_UNAVAILABLE_503, Map.of("status", "starting"));
        } else {
            exchange.error(new ApiError(HttpStatus.SERVICE_UNAVAILABLE_503, "starting; try again shortly")
                    .header(HttpHeader.RETRY_AFTER.asString(), "1"));
        }
        return true;
    }
}
