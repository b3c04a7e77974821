package dev.switchboard.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reads of one map of the schema ({@code defaults}, a handler, its {@code retry}, ...).
 * Unknown keys are reported when the reader is made; a wrong value is reported and the
 * fallback returned, so that one run finds every mistake.
 *
 * <p>Messages read {@code CONTEXT: PATH.KEY: what is wrong}, e.g.
 * {@code handler 'audit': retry.attempts: must be at least 1}.
 */
final class MapFields {

    private final YamlNode.Mapping map;
    private final String context;
    private final String path;
    private final Problems problems;

    private MapFields(YamlNode.Mapping map, String context, String path, Problems problems) {
        this.map = map;
        this.context = context;
        this.path = path;
        this.problems = problems;
    }

    /**
     * @param context who the map belongs to, e.g. {@code handler 'audit'}; empty at top level
     * @param path the map's dotted key under that context, e.g. {@code retry}; may be empty
     */
    static MapFields of(YamlNode.Mapping map, String context, String path, Problems problems, List<String> allowed) {
        MapFields fields = new MapFields(map, context, path, problems);
        for (YamlNode.Entry entry : map.entries().values()) {
            if (!allowed.contains(entry.key())) {
                String where = fields.label(null);
                problems.add(entry.keyPosition(), (where.isEmpty() ? "" : where + ": ") + "unknown key '"
                        + entry.key() + "'; allowed: " + String.join(", ", allowed));
            }
        }
        return fields;
    }

    YamlNode.Mapping map() {
        return map;
    }

    Problems problems() {
        return problems;
    }

    /** @return the label for messages about {@code key}, or about the map itself when null */
    String label(String key) {
        String dotted = key == null ? path : path.isEmpty() ? key : path + "." + key;
        if (context.isEmpty()) {
            return dotted;
        }
        return dotted.isEmpty() ? context : context + ": " + dotted;
    }

    void problem(YamlNode at, String key, String message) {
        problems.add(at.position(), label(key) + ": " + message);
    }

    /** @return the value, or null when absent or YAML null */
    YamlNode value(String key) {
        return map.value(key);
    }

    /** @return the nested map's reader, or null when absent (or reported as not a map) */
    MapFields child(String key, List<String> allowed) {
        YamlNode node = value(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof YamlNode.Mapping nested)) {
            problem(node, key, "must be a map with " + String.join(", ", allowed) + ", not " + YamlNode.describe(node));
            return null;
        }
        return of(nested, context, path.isEmpty() ? key : path + "." + key, problems, allowed);
    }

    /** @return the scalar, or null when absent or reported as not a single value */
    YamlNode.Scalar scalar(String key) {
        YamlNode node = value(key);
        if (node == null) {
            return null;
        }
        if (node instanceof YamlNode.Scalar scalar) {
            return scalar;
        }
        problem(node, key, "must be a single value, not " + YamlNode.describe(node));
        return null;
    }

    String text(String key, String fallback) {
        YamlNode.Scalar scalar = scalar(key);
        return scalar == null ? fallback : scalar.text();
    }

    /** A duration longer than 0: no setting of the runtime means anything by a zero wait. */
    Duration duration(String key, Duration fallback) {
        YamlNode.Scalar scalar = scalar(key);
        if (scalar == null) {
            return fallback;
        }
        try {
            Duration duration = ScalarReader.duration(scalar, scalar.shown());
            if (duration.isZero()) {
                problem(scalar, key, "must be longer than 0");
                return fallback;
            }
            return duration;
        } catch (ScalarReader.Refused e) {
            problem(scalar, key, e.getMessage());
            return fallback;
        }
    }

    int integer(String key, int fallback, int min, int max) {
        YamlNode.Scalar scalar = scalar(key);
        if (scalar == null) {
            return fallback;
        }
        try {
            return ScalarReader.integer(scalar, min, max);
        } catch (ScalarReader.Refused e) {
            problem(scalar, key, e.getMessage());
            return fallback;
        }
    }

    double number(String key, double fallback, double min) {
        YamlNode.Scalar scalar = scalar(key);
        if (scalar == null) {
            return fallback;
        }
        try {
            return ScalarReader.number(scalar, min);
        } catch (ScalarReader.Refused e) {
            problem(scalar, key, e.getMessage());
            return fallback;
        }
    }

    /**
     * A list of single values; one value alone is read as a one-element list (for {@code events}
     * and {@code redact.keys}). Null when absent.
     */
    List<YamlNode.Scalar> scalars(String key) {
        YamlNode node = value(key);
        if (node == null) {
            return null;
        }
        if (node instanceof YamlNode.Scalar scalar) {
            return List.of(scalar);
        }
        List<YamlNode.Scalar> items = new ArrayList<>();
        try {
            for (YamlNode item : ScalarReader.list(node)) {
                try {
                    items.add(ScalarReader.item(item));
                } catch (ScalarReader.Refused e) {
                    problem(item, key, e.getMessage());
                }
            }
        } catch (ScalarReader.Refused e) {
            problem(node, key, e.getMessage());
        }
        return items;
    }
}
