package dev.switchboard.core.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The one set of rules by which a scalar of handlers.yaml becomes a value, for the runtime's own
 * keys ({@link MapFields}) and for plugins' {@code config:} blocks ({@link YamlConfigBlock}) alike.
 *
 * <ul>
 *   <li>A scalar's value is what SnakeYAML's safe constructor makes of it under YAML 1.1: so
 *       {@code 0x10} is 16, {@code 1_000} is 1000 and {@code yes} is true, in {@code asMap()} and in
 *       the typed getters. A quoted scalar is text in {@code asMap()}; a typed getter reads its text
 *       as if it were plain, so {@code "8080"} (or {@code "${PORT}"}) is still a port.
 *   <li>integer: a YAML int within the caller's range; number: a YAML int or float, finite;
 *       boolean: a YAML bool; duration: a number and a unit ({@link Durations}), zero included;
 *       string list: a list of single values, none of them empty.
 * </ul>
 *
 * Bounds beyond these (at least 1, longer than 0) belong to the key and are the caller's.
 * Thread-safe: SnakeYAML's scalar constructors keep no state.
 */
final class ScalarReader {

    /** Why a scalar cannot be read as asked; the caller adds the key and the place. */
    static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final Resolver RESOLVER = new Resolver();
    private static final ScalarConstructor CONSTRUCTOR = new ScalarConstructor();

    private ScalarReader() {
    }

    /** @return what a YAML loader gives: String, Integer, Long, BigInteger, Double, Boolean or null */
    static Object value(YamlNode.Scalar scalar) {
        return switch (scalar.kind()) {
            case TEXT -> scalar.text();
            case NULL -> null;
            case INT -> CONSTRUCTOR.construct(Tag.INT, scalar.text(), scalar.text());
            case FLOAT -> CONSTRUCTOR.construct(Tag.FLOAT, scalar.text(), scalar.text());
            case BOOL -> CONSTRUCTOR.construct(Tag.BOOL, scalar.text(), scalar.text());
        };
    }

    /** @return the value, a quoted scalar read as if it were plain */
    private static Object typed(YamlNode.Scalar scalar) {
        if (scalar.kind() != YamlNode.Kind.TEXT) {
            return value(scalar);
        }
        String text = scalar.text().trim();
        Tag tag = RESOLVER.resolve(NodeId.scalar, text, true);
        boolean typed = Tag.INT.equals(tag) || Tag.FLOAT.equals(tag) || Tag.BOOL.equals(tag);
        return typed ? CONSTRUCTOR.construct(tag, text, scalar.text()) : scalar.text();
    }

    static int integer(YamlNode.Scalar scalar, int min, int max) throws Refused {
        Object value = typed(scalar);
        if (!(value instanceof Integer || value instanceof Long || value instanceof BigInteger)) {
            throw new Refused("must be a whole number");
        }
        BigInteger whole = new BigInteger(value.toString());
        if (whole.compareTo(BigInteger.valueOf(min)) < 0 || whole.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new Refused(min == Integer.MIN_VALUE && max == Integer.MAX_VALUE
                    ? "must be a whole number from " + min + " to " + max
                    : max == Integer.MAX_VALUE ? "must be at least " + min : "must be from " + min + " to " + max);
        }
        return whole.intValue();
    }

    static double number(YamlNode.Scalar scalar, double min) throws Refused {
        Object value = typed(scalar);
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new Refused("must be a number");
        }
        double result = number.doubleValue();
        if (result < min) {
            throw new Refused("must be at least " + (min == Math.rint(min) ? String.valueOf((long) min) : min));
        }
        return result;
    }

    static boolean bool(YamlNode.Scalar scalar) throws Refused {
        if (typed(scalar) instanceof Boolean value) {
            return value;
        }
        throw new Refused("must be true or false");
    }

    /** @param shown the value quoted for the message, or empty when it may be a secret */
    static Duration duration(YamlNode.Scalar scalar, String shown) throws Refused {
        return Durations.parse(scalar.text()).orElseThrow(() -> new Refused(Durations.problem(shown)));
    }

    /** @return the list, whose items each go through {@link #item} */
    static List<YamlNode> list(YamlNode node) throws Refused {
        if (node instanceof YamlNode.Sequence sequence) {
            return sequence.items();
        }
        throw new Refused("must be a list, not " + YamlNode.describe(node));
    }

    /** @return one item of a string list */
    static YamlNode.Scalar item(YamlNode item) throws Refused {
        if (item instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            return scalar;
        }
        throw new Refused("each item must be a single value, not "
                + (item instanceof YamlNode.Scalar ? "empty" : YamlNode.describe(item)));
    }

    /** SnakeYAML's own YAML 1.1 scalar constructors, reached without building a document. */
    private static final class ScalarConstructor extends SafeConstructor {

        ScalarConstructor() {
            super(new LoaderOptions());
        }

        /** @return the constructed value, or {@code original} for a form Java cannot hold (e.g. 1e999 as int) */
        Object construct(Tag tag, String text, String original) {
            try {
                return yamlConstructors.get(tag).construct(
                        new ScalarNode(tag, text, null, null, DumperOptions.ScalarStyle.PLAIN));
            } catch (RuntimeException unreadable) {
                return original;
            }
        }
    }
}
