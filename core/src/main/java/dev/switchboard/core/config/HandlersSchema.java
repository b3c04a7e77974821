package dev.switchboard.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ConfigKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of {@code handlers.yaml}: the runtime's own keys (top level,
 * {@code defaults:}, each handler, {@code server:}, {@code store:}) and, per {@code type:} and per
 * filter, the {@code config:} keys that the installed factories declare. Editors that read the
 * {@code yaml-language-server} comment complete and check the file with it; the runtime itself
 * checks more ({@code validate}), e.g. value ranges and that a URL is absolute.
 *
 * <p>Wherever the runtime reads a number, boolean or duration, a value holding {@code ${VAR}} is
 * accepted too: it is only known once the environment is substituted.
 */
public final class HandlersSchema {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DURATION = "^[0-9]+(\\.[0-9]+)?(ms|s|m|h)$";

    private HandlersSchema() {
    }

    /**
     * @param handlerTypes each installed handler type with its declared keys (null: declares none)
     * @param filterTypes each installed filter type with its declared keys (null: declares none)
     * @return the schema
     */
    public static ObjectNode of(Map<String, List<ConfigKey>> handlerTypes, Map<String, List<ConfigKey>> filterTypes) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", DIALECT);
        schema.put("title", "Switchboard handlers.yaml");
        schema.put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        properties.set("version", describe(JSON.createObjectNode().set("enum", JSON.createArrayNode().add(1).add("1")),
                "The file format's version: 1"));
        properties.set("defaults", object(DeliverySettings.KEYS, Map.of(), "Applied to every handler")
                .set("properties", delivery()));
        properties.set("handlers", describe(array(handler(handlerTypes, filterTypes)), "Which events go to which handler"));
        properties.set("server", server());
        properties.set("store", store());
        schema.put("additionalProperties", false);
        schema.set("$defs", defs());
        return schema;
    }

    private static ObjectNode defs() {
        ObjectNode defs = JSON.createObjectNode();
        defs.set("variable", JSON.createObjectNode().put("type", "string").put("pattern", "\\$\\{[^}]+\\}"));
        defs.set("duration", anyOf(JSON.createObjectNode().put("type", "string").put("pattern", DURATION), variable()));
        defs.set("integer", anyOf(type("integer"), variable()));
        defs.set("number", anyOf(type("number"), variable()));
        defs.set("boolean", anyOf(type("boolean"), variable()));
        defs.set("scalar", JSON.createObjectNode().set("type",
                JSON.createArrayNode().add("string").add("number").add("integer").add("boolean")));
        defs.set("scalars", anyOf(ref("scalar"), array(ref("scalar"))));
        return defs;
    }

    private static ObjectNode delivery() {
        ObjectNode p = JSON.createObjectNode();
        p.set("timeout", describe(ref("duration"), "How long one attempt may take, e.g. 10s"));
        p.set("retry", object(DeliverySettings.RETRY_KEYS, Map.of(
                "attempts", ref("integer"), "backoff", ref("duration"), "multiplier", ref("number"),
                "max_backoff", ref("duration"), "jitter", ref("number")),
                "How often and when a failed delivery is tried again"));
        ObjectNode redact = object(DeliverySettings.REDACT_KEYS, Map.of(
                "keys", ref("scalars"), "mode", JSON.createObjectNode().set("enum",
                        JSON.createArrayNode().add("remove").add("mask"))), "Keys removed or masked from event data");
        p.set("redact", redact);
        p.set("concurrency", describe(ref("integer"), "Deliveries in flight at once"));
        p.set("queue_capacity", describe(ref("integer"), "The most deliveries of this handler the store holds unfinished (its backlog limit)"));
        p.set("expire_after", describe(ref("duration"), "A delivery not delivered this long after acceptance is a dead letter"));
        p.set("breaker", object(PolicyReader.BREAKER_KEYS, Map.of("failures", ref("integer"), "open_for", ref("duration")),
                "The circuit breaker: failed attempts in a row that open it, and for how long"));
        p.set("rate", object(PolicyReader.RATE_KEYS, Map.of("per_second", ref("number"), "per_minute", ref("number"),
                "burst", ref("integer")), "At most this many attempts started per second or minute"));
        p.set("ordering", describe(JSON.createObjectNode().set("enum", strings(List.of("none", "session"))),
                "session: one delivery of a session at a time, in acceptance order"));
        return p;
    }

    private static ObjectNode handler(Map<String, List<ConfigKey>> handlerTypes, Map<String, List<ConfigKey>> filterTypes) {
        ObjectNode p = delivery();
        p.set("name", JSON.createObjectNode().put("type", "string").put("pattern", "^[A-Za-z0-9][A-Za-z0-9_.-]*$"));
        ObjectNode type = JSON.createObjectNode().put("type", "string");
        type.set("enum", strings(handlerTypes.keySet()));
        p.set("type", describe(type, "The handler type, from an installed plugin"));
        p.set("events", describe(anyOf(type("string"), array(type("string")).put("minItems", 1)),
                "Event types: exact names, prefix_* globs or *"));
        ObjectNode match = JSON.createObjectNode();
        EventPatterns.MATCH_FIELDS.forEach(field -> match.set(field, type("string")));
        p.set("match", object(EventPatterns.MATCH_FIELDS, Map.of(), "Event fields that must match (exact or glob)")
                .set("properties", match));
        ObjectNode filterItem = JSON.createObjectNode();
        filterItem.set("type", strings(List.of("string", "object")));
        ObjectNode filterEnum = JSON.createObjectNode();
        filterEnum.set("enum", strings(filterTypes.keySet()));
        filterItem.set("oneOf", JSON.createArrayNode()
                .add(JSON.createObjectNode().put("type", "string").setAll(filterEnum))
                .add(filterObject(filterTypes)));
        p.set("filters", describe(anyOf(type("string"), array(filterItem)), "Filters applied before the handler"));
        p.set("config", describe(type("object"), "The plugin's settings; see the keys of its type"));
        p.set("fallback", describe(type("string"), "The handler a dead letter of this one is handed to"));
        ObjectNode signing = object(List.of("secret", "previous"), Map.of("secret", type("string"),
                "previous", ref("scalars")), "Standard Webhooks signing of every HTTP delivery");
        signing.set("required", strings(List.of("secret")));
        p.set("signing", signing);

        ObjectNode handler = object(HandlerReader.KEYS, Map.of(), null);
        handler.set("properties", p);
        handler.set("required", strings(List.of("name", "type", "events")));
        ArrayNode conditions = handler.putArray("allOf");
        handlerTypes.forEach((name, keys) -> {
            if (keys != null) {
                conditions.add(when("type", name, configOf(keys, "type " + name)));
            }
        });
        return handler;
    }

    private static ObjectNode filterObject(Map<String, List<ConfigKey>> filterTypes) {
        ObjectNode filter = object(List.of("type", "config"), Map.of("type",
                JSON.createObjectNode().put("type", "string").set("enum", strings(filterTypes.keySet())),
                "config", type("object")), null);
        filter.set("required", strings(List.of("type")));
        ArrayNode conditions = filter.putArray("allOf");
        filterTypes.forEach((name, keys) -> {
            if (keys != null) {
                conditions.add(when("type", name, configOf(keys, "filter " + name)));
            }
        });
        return filter;
    }

    /** @return {@code if type == value then config: SCHEMA}, and config itself required when a key is */
    private static ObjectNode when(String key, String value, ObjectNode config) {
        ObjectNode condition = JSON.createObjectNode();
        ObjectNode test = condition.putObject("if");
        test.putObject("properties").putObject(key).put("const", value);
        test.set("required", strings(List.of(key)));
        ObjectNode then = condition.putObject("then");
        then.putObject("properties").set("config", config);
        if (config.has("required")) {
            then.set("required", strings(List.of("config")));
        }
        return condition;
    }

    /** @return the schema of a {@code config:} block that declares these keys */
    static ObjectNode configOf(List<ConfigKey> keys, String owner) {
        ObjectNode config = JSON.createObjectNode().put("type", "object").put("description", "The config of " + owner);
        ObjectNode properties = config.putObject("properties");
        ArrayNode required = JSON.createArrayNode();
        for (ConfigKey key : keys) {
            ObjectNode property = valueOf(key.type()).put("description", key.description());
            if (key.defaultValue() != null) {
                property.set("default", JSON.valueToTree(defaultOf(key.defaultValue())));
            }
            if (key.isSecret()) {
                property.put("writeOnly", true);
            }
            properties.set(key.name(), property);
            if (key.isRequired()) {
                required.add(key.name());
            }
        }
        if (!required.isEmpty()) {
            config.set("required", required);
        }
        config.put("additionalProperties", false);
        return config;
    }

    private static ObjectNode valueOf(ConfigKey.Type type) {
        return switch (type) {
            case STRING -> ref("scalar");
            case INTEGER -> ref("integer");
            case NUMBER -> ref("number");
            case BOOLEAN -> ref("boolean");
            case DURATION -> ref("duration");
            case LIST -> array(ref("scalar"));
            case MAP -> JSON.createObjectNode().put("type", "object").set("additionalProperties", ref("scalar"));
        };
    }

    private static Object defaultOf(Object value) {
        if (value instanceof Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
        }
        return value;
    }

    private static ObjectNode server() {
        Map<String, JsonNode> p = new java.util.LinkedHashMap<>();
        p.put("host", type("string"));
        p.put("port", ref("integer"));
        p.put("max_body_bytes", ref("integer"));
        p.put("max_header_bytes", ref("integer"));
        p.put("max_connections", ref("integer"));
        p.put("api_keys", ref("scalars"));
        p.put("metrics_auth", JSON.createObjectNode().set("enum", strings(List.of("auto", "open", "api_key"))));
        p.put("cors", object(List.of("allowed_origins"), Map.of("allowed_origins", ref("scalars")), null));
        p.put("timeouts", object(List.of("idle", "read", "shutdown", "drain"), Map.of("idle", ref("duration"),
                "read", ref("duration"), "shutdown", ref("duration"), "drain", ref("duration")), null));
        p.put("sessions", object(List.of("max_count", "max_age", "max_events", "max_bytes", "max_event_bytes",
                "redact"), Map.of("max_count", ref("integer"), "max_age", ref("duration"), "max_events",
                ref("integer"), "max_bytes", ref("number"), "max_event_bytes", ref("integer"), "redact",
                object(List.of("keys", "mode"), Map.of("keys", ref("scalars"), "mode", type("string")), null)), null));
        return object(List.copyOf(p.keySet()), p, "The HTTP service (switchboard run without --input)");
    }

    private static ObjectNode store() {
        ObjectNode postgresNeedsUrl = JSON.createObjectNode();
        ObjectNode test = postgresNeedsUrl.putObject("if");
        test.putObject("properties").putObject("type").put("const", "postgres");
        test.set("required", strings(List.of("type")));
        postgresNeedsUrl.putObject("then").set("required", strings(List.of("url")));
        ObjectNode retention = anyOf(JSON.createObjectNode().put("type", "string")
                .put("pattern", "^[0-9]+(\\.[0-9]+)?(ms|s|m|h|d)$"), variable());
        return object(List.of("type", "path", "sync", "retention", "url", "user", "password", "lease"), Map.of(
                "type", JSON.createObjectNode().set("enum", strings(List.of("sqlite", "memory", "postgres"))),
                "path", describe(type("string"), "sqlite: the database file"),
                "sync", describe(JSON.createObjectNode().set("enum", strings(List.of("full", "normal"))), "sqlite"),
                "retention", retention,
                "url", describe(type("string"), "postgres: jdbc:postgresql://HOST:PORT/DATABASE"),
                "user", describe(type("string"), "postgres"),
                "password", describe(type("string"), "postgres: give it as ${PGPASSWORD}").put("writeOnly", true),
                "lease", describe(ref("duration"), "postgres: how long a claimed delivery stays this runtime's")),
                "Where accepted events wait until they are delivered").set("allOf",
                JSON.createArrayNode().add(postgresNeedsUrl));
    }

    /** @return an object with exactly these keys, each with its schema when given (anything otherwise) */
    private static ObjectNode object(List<String> keys, Map<String, ? extends JsonNode> schemas, String description) {
        ObjectNode object = JSON.createObjectNode().put("type", "object");
        ObjectNode properties = object.putObject("properties");
        for (String key : keys) {
            JsonNode schema = schemas.get(key);
            properties.set(key, schema == null ? JSON.createObjectNode() : schema);
        }
        object.put("additionalProperties", false);
        return description == null ? object : describe(object, description);
    }

    private static ObjectNode describe(ObjectNode node, String description) {
        return node.put("description", description);
    }

    private static ObjectNode type(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode ref(String name) {
        return JSON.createObjectNode().put("$ref", "#/$defs/" + name);
    }

    private static ObjectNode variable() {
        return ref("variable");
    }

    private static ObjectNode array(JsonNode items) {
        ObjectNode array = JSON.createObjectNode().put("type", "array");
        array.set("items", items);
        return array;
    }

    private static ObjectNode anyOf(JsonNode... options) {
        ObjectNode node = JSON.createObjectNode();
        ArrayNode any = node.putArray("anyOf");
        for (JsonNode option : options) {
            any.add(option);
        }
        return node;
    }

    private static ArrayNode strings(java.util.Collection<String> values) {
        ArrayNode array = JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
