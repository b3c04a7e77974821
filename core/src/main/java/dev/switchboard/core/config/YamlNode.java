package dev.switchboard.core.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A composed YAML value with its position: environment variables substituted, aliases and
 * merge keys resolved, and nothing constructed from tags. Immutable.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    Position position();

    /** What a plain scalar resolves to under YAML 1.1; quoted scalars are always TEXT. */
    enum Kind { TEXT, INT, FLOAT, BOOL, NULL }

    /**
     * @param sensitive the text came (partly) from the environment, so it may be a secret and
     *     must never be quoted in an error
     */
    record Scalar(String text, Kind kind, boolean sensitive, Position position) implements YamlNode {

        boolean isNull() {
            return kind == Kind.NULL;
        }

        /** Longer values are cut in messages: an error line names the value, it does not carry it. */
        static final int SHOWN_CHARS = 60;

        /** The value quoted for an error message, or nothing when it may be a secret. */
        String shown() {
            if (sensitive) {
                return "";
            }
            return text.length() <= SHOWN_CHARS ? " '" + text + "'"
                    : " '" + text.substring(0, SHOWN_CHARS) + "…' (" + text.length() + " characters)";
        }

        @Override
        public String toString() {
            return "Scalar[" + (sensitive ? "(from the environment)" : text) + " at " + position + "]";
        }
    }

    /** A key, where it stands, and its value. */
    record Entry(String key, Position keyPosition, YamlNode value) {
    }

    /** @param entries in file order */
    record Mapping(Map<String, Entry> entries, Position position) implements YamlNode {

        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        static Mapping empty(Position position) {
            return new Mapping(Map.of(), position);
        }

        /** @return the value, or null when the key is absent or its value is YAML null */
        YamlNode value(String key) {
            Entry entry = entries.get(key);
            if (entry == null || entry.value() instanceof Scalar s && s.isNull()) {
                return null;
            }
            return entry.value();
        }
    }

    record Sequence(List<YamlNode> items, Position position) implements YamlNode {

        public Sequence {
            items = List.copyOf(items);
        }
    }

    /** How a node is named in an error: "a map", "a list", "a value". */
    static String describe(YamlNode node) {
        if (node instanceof Mapping) {
            return "a map";
        }
        return node instanceof Sequence ? "a list" : "a single value";
    }
}
