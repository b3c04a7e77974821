package dev.switchboard.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The dashboard at {@code /ui/}: a few static files (HTML, CSS, plain ES modules, no build step),
 * read once from the resources folder {@code ui/} beside this class. They hold no data and are open
 * to anyone; the page reads everything from the {@code /v1} API, and with {@code server.api_keys}
 * set it asks for a key and sends it as {@code X-API-Key}. The Content-Security-Policy allows
 * scripts, styles and requests from this server only, no inline script or style, no frames; the
 * scripts build the page from text nodes only, so a value from an event never becomes markup.
 */
final class UiEndpoint {

    /** No inline script or style, nothing from elsewhere; the canvas charts need nothing more. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "style.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "api.js", "text/javascript; charset=utf-8",
            "dom.js", "text/javascript; charset=utf-8",
            "chart.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files;

    private UiEndpoint(Map<String, byte[]> files) {
        this.files = files;
    }

    static UiEndpoint load() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = UiEndpoint.class.getResourceAsStream("ui/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("ui/" + name + " is missing from the runtime's JAR");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read ui/" + name + " from the runtime's JAR", e);
            }
        }
        return new UiEndpoint(files);
    }

    void index(Exchange exchange) {
        serve(exchange, "index.html");
    }

    void file(Exchange exchange) throws ApiError {
        String name = exchange.pathParameter(0);
        if (!files.containsKey(name)) {
            throw new ApiError(HttpStatus.NOT_FOUND_404, "no such file of the dashboard: " + name);
        }
        serve(exchange, name);
    }

    private void serve(Exchange exchange, String name) {
        exchange.response.getHeaders().put("Content-Security-Policy", CSP);
        exchange.response.getHeaders().put("X-Content-Type-Options", "nosniff");
        exchange.response.getHeaders().put("Referrer-Policy", "no-referrer");
        exchange.bytes(HttpStatus.OK_200, TYPES.get(name), files.get(name));
    }
}
