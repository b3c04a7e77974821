package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads one entry of {@code handlers:} into a {@link HandlerSpec}, with the file's defaults applied. */
final class HandlerReader {

    static final List<String> KEYS = List.of("name", "type", "events", "match", "filters", "timeout", "retry",
            "redact", "concurrency", "queue_capacity", "config", "signing", "expire_after", "breaker", "rate", "ordering",
            "fallback");
    private static final List<String> FILTER_KEYS = List.of("type", "config");
    /** Names end up in logs, metrics and URLs: keep them to a safe alphabet. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final Problems problems;
    private final DeliverySettings defaults;
    /** Where each handler's {@code fallback} value stands, for the checks over the whole list. */
    private final Map<String, Position> fallbackPositions = new java.util.HashMap<>();

    HandlerReader(Problems problems, DeliverySettings defaults) {
        this.problems = problems;
        this.defaults = defaults;
    }

    /** @param number the entry's 1-based place in the list, naming it while its name is unknown */
    HandlerSpec read(YamlNode node, int number) {
        if (!(node instanceof YamlNode.Mapping map)) {
            problems.add(node.position(), "handler #" + number + ": must be a map with name, type and events, not "
                    + YamlNode.describe(node));
            return null;
        }
        YamlNode.Entry nameEntry = map.entries().get("name");
        String name = map.value("name") instanceof YamlNode.Scalar s && NAME.matcher(s.text()).matches() ? s.text() : null;
        MapFields fields = MapFields.of(map, name == null ? "handler #" + number : "handler '" + name + "'", "",
                problems, KEYS);
        checkName(fields);
        Position position = nameEntry == null ? map.position() : nameEntry.keyPosition();
        YamlNode.Scalar type = required(fields, "type");
        DeliverySettings settings = defaults.overriddenBy(fields);
        return new HandlerSpec(name, type == null ? null : type.text(), events(fields), match(fields),
                filters(fields), settings.timeout(), settings.retry(), settings.redact(), settings.concurrency(),
                settings.queueCapacity(), config(fields.value("config"), fields, "config", position),
                SigningReader.read(fields), settings.policy().withFallback(fallback(fields, name)), position,
                type == null ? position : type.position());
    }

    /** The fallback's name; whether it names a handler, and one without a fallback, is checked over the whole list. */
    private String fallback(MapFields fields, String name) {
        YamlNode.Scalar fallback = fields.scalar("fallback");
        if (fallback == null) {
            return null;
        }
        if (name != null) {
            fallbackPositions.put(name, fallback.position());
        }
        if (fallback.text().isBlank()) {
            fields.problem(fallback, "fallback", "must name a handler");
            return null;
        }
        return fallback.text();
    }

    /**
     * Checks every {@code fallback} against the whole list: it names another handler, and one that has
     * no fallback of its own (a dead letter is handed on one hop at most).
     */
    void checkFallbacks(List<HandlerSpec> handlers) {
        Map<String, HandlerSpec> byName = new LinkedHashMap<>();
        handlers.forEach(spec -> byName.putIfAbsent(spec.name(), spec));
        for (HandlerSpec spec : handlers) {
            String target = spec.policy().fallback();
            if (target == null) {
                continue;
            }
            Position at = fallbackPositions.getOrDefault(spec.name(), spec.position());
            String label = "handler '" + spec.name() + "': fallback: ";
            HandlerSpec fallback = byName.get(target);
            if (target.equals(spec.name())) {
                problems.add(at, label + "a handler cannot be its own fallback");
            } else if (fallback == null) {
                problems.add(at, label + "no handler named '" + target + "'; handlers: " + String.join(", ", byName.keySet()));
            } else if (fallback.policy().fallback() != null) {
                problems.add(at, label + "'" + target + "' has a fallback of its own ('" + fallback.policy().fallback()
                        + "'); a dead letter is handed on one hop at most");
            }
        }
    }

    private void checkName(MapFields fields) {
        YamlNode.Scalar name = required(fields, "name");
        if (name != null && !NAME.matcher(name.text()).matches()) {
            fields.problem(name, "name", "bad name" + name.shown() + ": use letters, digits, '-', '_' and '.'");
        }
    }

    private static YamlNode.Scalar required(MapFields fields, String key) {
        YamlNode.Scalar scalar = fields.scalar(key);
        if (scalar == null && fields.value(key) == null) {
            fields.problems().add(fields.map().position(), fields.label(key) + ": required key is missing");
        } else if (scalar != null && scalar.text().isBlank()) {
            fields.problem(scalar, key, "must not be empty");
            return null;
        }
        return scalar;
    }

    private static List<String> events(MapFields fields) {
        YamlNode.Entry written = fields.map().entries().get("events");
        if (written != null && fields.value("events") == null) {
            fields.problem(written.value(), "events", "must list at least one event type, not nothing");
            return List.of();
        }
        List<YamlNode.Scalar> items = fields.scalars("events");
        if (items == null) {
            fields.problems().add(fields.map().position(), fields.label("events")
                    + ": required key is missing; list the event types to receive, e.g. [workflow_complete, error] or [\"*\"]");
            return List.of();
        }
        if (items.isEmpty() && fields.value("events") instanceof YamlNode.Sequence empty && empty.items().isEmpty()) {
            fields.problem(empty, "events", "must list at least one event type");
        }
        List<String> events = new ArrayList<>();
        for (YamlNode.Scalar item : items) {
            String problem = item.kind() == YamlNode.Kind.TEXT ? EventPatterns.eventPatternProblem(item.text(), item.shown())
                    : EventPatterns.notText(item.shown());
            if (problem != null) {
                fields.problem(item, "events", problem);
            }
            events.add(item.text());
        }
        return List.copyOf(events);
    }

    private static Map<String, String> match(MapFields fields) {
        MapFields match = fields.child("match", EventPatterns.MATCH_FIELDS);
        Map<String, String> values = new LinkedHashMap<>();
        if (match == null) {
            return Map.of();
        }
        for (YamlNode.Entry entry : match.map().entries().values()) {
            YamlNode.Scalar value = required(match, entry.key());
            if (value != null && EventPatterns.MATCH_FIELDS.contains(entry.key())) {
                values.put(entry.key(), value.text());
            }
        }
        return java.util.Collections.unmodifiableMap(values);
    }

    private List<FilterSpec> filters(MapFields fields) {
        YamlNode node = fields.value("filters");
        if (node == null) {
            return List.of();
        }
        List<YamlNode> items = node instanceof YamlNode.Sequence sequence ? sequence.items() : List.of(node);
        List<FilterSpec> filters = new ArrayList<>();
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Scalar type && !type.isNull() && !type.text().isBlank()) {
                filters.add(new FilterSpec(type.text(), YamlConfigBlock.empty(type.position()), type.position()));
            } else if (item instanceof YamlNode.Mapping map) {
                MapFields filter = MapFields.of(map, fields.label(null), "filters", problems, FILTER_KEYS);
                YamlNode.Scalar type = required(filter, "type");
                if (type != null) {
                    filters.add(new FilterSpec(type.text(),
                            config(filter.value("config"), filter, "config", map.position()), map.position()));
                }
            } else {
                fields.problem(item, "filters", "each item must be a filter type, or a map with type and config");
            }
        }
        return List.copyOf(filters);
    }

    private static ConfigBlock config(YamlNode node, MapFields fields, String key, Position whenAbsent) {
        if (node == null) {
            return YamlConfigBlock.empty(whenAbsent);
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            fields.problem(node, key, "must be a map of settings for the plugin, not " + YamlNode.describe(node));
            return YamlConfigBlock.empty(node.position());
        }
        return new YamlConfigBlock(map, "");
    }
}
