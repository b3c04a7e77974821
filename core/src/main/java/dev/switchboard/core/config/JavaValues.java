package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns composed YAML into the plain Java values a YAML loader would give: unmodifiable
 * {@code Map<String, Object>} and {@code List<Object>}, and each scalar as {@link ScalarReader#value} reads it.
 */
final class JavaValues {

    private JavaValues() {
    }

    static Map<String, Object> toMap(YamlNode.Mapping mapping) {
        Map<String, Object> values = new LinkedHashMap<>();
        mapping.entries().forEach((key, entry) -> values.put(key, toValue(entry.value())));
        return Collections.unmodifiableMap(values);
    }

    private static Object toValue(YamlNode node) {
        if (node instanceof YamlNode.Mapping mapping) {
            return toMap(mapping);
        }
        if (node instanceof YamlNode.Sequence sequence) {
            List<Object> items = new ArrayList<>();
            sequence.items().forEach(item -> items.add(toValue(item)));
            return Collections.unmodifiableList(items);
        }
        return ScalarReader.value((YamlNode.Scalar) node);
    }
}
