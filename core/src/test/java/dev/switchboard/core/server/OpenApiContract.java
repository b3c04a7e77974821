package dev.switchboard.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The service's OpenAPI document as a checker of real answers: finds the operation of a request's
 * method and path, requires the answer's status to be documented for it and validates the body
 * against the documented schema (networknt's validator, OpenAPI 3.1 dialect). Answers to paths or
 * methods the document does not know must be 404 or 405 errors. {@link ServiceClient} runs every
 * answer of every server test through it; what it saw is kept, for the contract test's report.
 */
final class OpenApiContract {

    private static final String BASE = "https://switchboard.invalid/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT;
    private static final SchemaRegistry SCHEMAS;
    /** {@code METHOD TEMPLATE STATUS} of every answer checked in this JVM. */
    static final Set<String> SEEN = new ConcurrentSkipListSet<>();
    /** What Jetty answers on any path before a route is chosen (see the document's description). */
    private static final Set<Integer> SERVER_WIDE = Set.of(414, 431);

    static {
        String text = new String(OpenApiEndpoint.document(), StandardCharsets.UTF_8);
        try {
            DOCUMENT = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.json is not JSON", e);
        }
        SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(BASE, text)));
    }

    private OpenApiContract() {
    }

    static JsonNode document() {
        return DOCUMENT;
    }

    /** @return every documented operation as {@code METHOD TEMPLATE}, sorted */
    static Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = DOCUMENT.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> names = path.getValue().fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!name.equals("parameters")) {
                    operations.add(name.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** @throws AssertionError naming the route, the status and each violation */
    static void check(HttpResponse<String> response) {
        String method = response.request().method();
        if (method.equals("OPTIONS")) {
            return; // CORS preflights are the CORS handler's, outside the routes (see the document's description)
        }
        String documentedMethod = method.equals("HEAD") ? "get" : method.toLowerCase();
        String path = response.uri().getRawPath();
        int status = response.statusCode();
        String what = method + " " + path + " answered " + status;
        Optional<String> template = template(path);
        JsonNode operation = template.map(t -> DOCUMENT.get("paths").get(t).get(documentedMethod)).orElse(null);
        if (operation == null || SERVER_WIDE.contains(status)) {
            if (status != 404 && status != 405 && !SERVER_WIDE.contains(status)) {
                throw new AssertionError(what + ", but openapi.json has no operation " + method + " for it");
            }
            SEEN.add(method + " " + path + " " + status);
            validate(what, response, "#/components/schemas/Error");
            return;
        }
        SEEN.add(method + " " + template.get() + " " + status);
        String pointer = "#/paths/" + escape(template.get()) + "/" + documentedMethod + "/responses/" + status;
        JsonNode answer = operation.get("responses").get(String.valueOf(status));
        if (answer == null) {
            throw new AssertionError(what + ": openapi.json does not document " + status + " for "
                    + documentedMethod.toUpperCase() + " " + template.get() + " (body: " + response.body() + ")");
        }
        if (answer.has("$ref")) {
            pointer = answer.get("$ref").asText();
            answer = at(pointer);
        }
        if (method.equals("HEAD") || response.body().isEmpty()) {
            if (!method.equals("HEAD") && answer.has("content")) {
                throw new AssertionError(what + " with no body, but openapi.json documents one");
            }
            return;
        }
        String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].strip();
        JsonNode content = answer.path("content").get(type);
        if (content == null) {
            throw new AssertionError(what + " with Content-Type " + type + ", which openapi.json does not document for it");
        }
        if (type.equals("application/json")) {
            validate(what, response, pointer + "/content/" + escape(type) + "/schema");
        }
    }

    private static void validate(String what, HttpResponse<String> response, String pointer) {
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(what + " with a body that is not JSON: " + response.body());
        }
        List<String> violations = violations(pointer, body);
        if (!violations.isEmpty()) {
            throw new AssertionError(what + ": the body does not match openapi.json's " + pointer + ": " + violations
                    + "\nbody: " + response.body());
        }
    }

    /** @return how the value breaks the schema at this pointer of the document (e.g. {@code #/components/schemas/Error}) */
    static List<String> violations(String pointer, JsonNode value) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(BASE + pointer));
        List<String> lines = new ArrayList<>();
        for (Error error : schema.validate(value)) {
            lines.add(error.toString());
        }
        return lines;
    }

    /**
     * @return the documented path template that matches the path segment by segment; of several, the
     *     one with the most literal segments ({@code /v1/deliveries/replay} over {@code /v1/deliveries/{id}})
     */
    static Optional<String> template(String path) {
        String[] segments = path.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> templates = DOCUMENT.get("paths").fieldNames(); templates.hasNext(); ) {
            String template = templates.next();
            String[] parts = template.split("/", -1);
            if (parts.length != segments.length) {
                continue;
            }
            boolean matches = true;
            int literals = 0;
            for (int i = 0; i < parts.length && matches; i++) {
                boolean variable = parts[i].startsWith("{");
                matches = variable ? !segments[i].isEmpty() : parts[i].equals(segments[i]);
                literals += variable ? 0 : 1;
            }
            if (matches && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    private static JsonNode at(String pointer) {
        return DOCUMENT.at(pointer.substring(1));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
