package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns composed YAML into the plain Java values a YAML loader would give: unmodifiable
 * {@code Map<String, Object>} and {@code List<Object>}, String, Integer, Long, Double, Boolean, null.
 */
final class JavaValues {

    private static final Pattern NUMBER =
            Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private JavaValues() {
    }

    /** @return whether {@code text} is a plain decimal number such as {@code 2}, {@code -0.5} or {@code 1e3} */
    static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
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
        return typed((YamlNode.Scalar) node);
    }

    static Object typed(YamlNode.Scalar scalar) {
        String text = scalar.text().trim().replace("_", "");
        try {
            return switch (scalar.kind()) {
                case NULL -> null;
                case BOOL -> switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "y" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
                case INT -> integer(text);
                case FLOAT -> floating(text);
                case TEXT -> scalar.text();
            };
        } catch (NumberFormatException e) {
            return scalar.text(); // a YAML 1.1 form Java does not read (e.g. 1:30): keep the text
        }
    }

    private static Object integer(String text) {
        long value;
        if (text.startsWith("0x") || text.startsWith("-0x") || text.startsWith("+0x")) {
            value = Long.decode(text);
        } else if (text.matches("[-+]?0b[01]+")) {
            value = Long.parseLong(text.replaceFirst("0b", ""), 2);
        } else if (text.matches("[-+]?0[0-7]+")) {
            value = Long.parseLong(text, 8);
        } else {
            value = Long.parseLong(text);
        }
        if (value == (int) value) {
            return Integer.valueOf((int) value); // not a ?: — that would unbox both sides to long
        }
        return Long.valueOf(value);
    }

    private static Object floating(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            case ".nan" -> Double.NaN;
            default -> Double.valueOf(text);
        };
    }
}
