package dev.switchboard.core.server;

import dev.switchboard.core.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's routing table: finds the route of a method and path (404 or 405 otherwise),
 * checks the caller's access, runs the endpoint and turns whatever it throws into a JSON error.
 * Every GET route answers HEAD too.
 * Paths are templates of literal segments and {@code {name}} segments, e.g. {@code /v1/sessions/{id}}.
 */
final class Routes extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    private record Route(String method, String template, String[] segments, Access.Need need, Endpoint endpoint) {

        /** @return the captured segments, or null when the path is not this route's */
        List<String> match(String[] path) {
            if (path.length != segments.length) {
                return null;
            }
            List<String> captured = new ArrayList<>();
            for (int i = 0; i < path.length; i++) {
                if (segments[i].startsWith("{")) {
                    if (path[i].isEmpty()) {
                        return null;
                    }
                    captured.add(path[i]);
                } else if (!segments[i].equals(path[i])) {
                    return null;
                }
            }
            return captured;
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final Access access;

    Routes(Access access) {
        this.access = access;
    }

    Routes add(String method, String template, Access.Need need, Endpoint endpoint) {
        routes.add(new Route(method, template, split(template), need, endpoint));
        return this;
    }

    /** @return every route as {@code METHOD TEMPLATE}, e.g. {@code GET /v1/sessions/{id}}, in table order (HEAD implied by GET) */
    List<String> table() {
        return routes.stream().map(route -> route.method + " " + route.template).toList();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String[] path = split(Request.getPathInContext(request));
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            List<String> captured = route.match(path);
            if (captured == null) {
                continue;
            }
            if (answers(route, request.getMethod())) {
                run(route, new Exchange(request, response, callback, captured));
                return true;
            }
            allowed.add(route.method);
            if (route.method.equals("GET")) {
                allowed.add("HEAD");
            }
        }
        Exchange exchange = new Exchange(request, response, callback, List.of());
        if (allowed.isEmpty()) {
            exchange.error(new ApiError(HttpStatus.NOT_FOUND_404, "no such resource: " + Request.getPathInContext(request)));
        } else {
            exchange.error(new ApiError(HttpStatus.METHOD_NOT_ALLOWED_405, request.getMethod() + " is not allowed here; use "
                    + String.join(", ", allowed)).header(HttpHeader.ALLOW.asString(), String.join(", ", allowed)));
        }
        return true;
    }

    /** HEAD is GET without a body: Jetty sends the headers of the GET answer and drops its content. */
    private static boolean answers(Route route, String method) {
        return route.method.equals(method) || method.equals("HEAD") && route.method.equals("GET");
    }

    private void run(Route route, Exchange exchange) {
        try {
            access.check(route.need, exchange);
            route.endpoint.handle(exchange);
        } catch (Exception | LinkageError failure) {
            fail(exchange, failure);
        }
    }

    /**
     * Answers what an endpoint threw: an {@link ApiError} as it says, a store that cannot write with
     * 503, anything else with 500 (and the log).
     */
    static void fail(Exchange exchange, Throwable failure) {
        if (failure instanceof ApiError error) {
            exchange.error(error);
        } else if (failure instanceof StoreException fault) {
            exchange.error(new ApiError(HttpStatus.SERVICE_UNAVAILABLE_503, "the delivery store cannot write ("
                    + fault.getMessage() + "); try again later").header("Retry-After", "5"));
        } else {
            LOG.error("{} {} failed", exchange.request.getMethod(), Request.getPathInContext(exchange.request), failure);
            exchange.error(new ApiError(HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error; see the server's log"));
        }
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }
}
