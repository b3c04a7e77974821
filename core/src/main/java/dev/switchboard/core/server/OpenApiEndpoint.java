package dev.switchboard.core.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of the whole HTTP API, open to anyone like
 * {@code /healthz} (it describes the routes, it holds no data). The document is the resource
 * {@code openapi.json} beside this class; {@code OpenApiContractTest} keeps it true to the routes
 * and to the answers.
 */
final class OpenApiEndpoint implements Endpoint {

    static final String RESOURCE = "openapi.json";

    private final byte[] document;

    private OpenApiEndpoint(byte[] document) {
        this.document = document;
    }

    static OpenApiEndpoint load() {
        return new OpenApiEndpoint(document());
    }

    /** @return the document's bytes, as served */
    static byte[] document() {
        try (InputStream in = OpenApiEndpoint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the runtime's JAR");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the runtime's JAR", e);
        }
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.json(HttpStatus.OK_200, document);
    }
}
