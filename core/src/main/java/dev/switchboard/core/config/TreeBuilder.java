package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Turns SnakeYAML's node tree into {@link YamlNode}s: rejects tags other than the standard
 * scalar, map and list ones, duplicate keys, non-text keys and recursive aliases, and
 * substitutes environment variables in every scalar value (never in keys).
 */
final class TreeBuilder {

    private static final Set<Tag> STANDARD = Set.of(
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);

    private final String source;
    private final EnvInterpolator interpolator;
    private final Problems problems;
    private final Resolver resolver = new Resolver();
    /** An alias is the same node object: build it once, and notice when it contains itself. */
    private final Map<Node, YamlNode> built = new IdentityHashMap<>();
    private final Set<Node> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    TreeBuilder(String source, Map<String, String> env, Problems problems) {
        this.source = source;
        this.interpolator = new EnvInterpolator(env);
        this.problems = problems;
    }

    static String tagNotAllowed(String tag) {
        String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        return "tag " + shown + " is not allowed: only plain YAML values, maps and lists are";
    }

    YamlNode build(Node node) {
        Position position = YamlComposer.position(source, node.getStartMark());
        YamlNode done = built.get(node);
        if (done != null) {
            return done;
        }
        if (!inProgress.add(node)) {
            problems.add(position, "an alias refers to a value that contains it");
            return YamlNode.Mapping.empty(position);
        }
        YamlNode result;
        if (!tagAllowed(node)) {
            problems.add(position, tagNotAllowed(node.getTag().getValue()));
            result = YamlNode.Mapping.empty(position);
        } else if (node instanceof ScalarNode scalar) {
            result = scalar(scalar, position);
        } else if (node instanceof SequenceNode sequence) {
            List<YamlNode> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(build(item));
            }
            result = new YamlNode.Sequence(items, position);
        } else {
            result = mapping((MappingNode) node, position);
        }
        inProgress.remove(node);
        built.put(node, result);
        return result;
    }

    private boolean tagAllowed(Node node) {
        Tag tag = node.getTag();
        if (STANDARD.contains(tag)) {
            return true;
        }
        // An implicit tag (e.g. a plain 2024-01-01 resolves to !!timestamp) is not the author's.
        return node instanceof ScalarNode scalar && scalar.isPlain()
                && tag.equals(resolver.resolve(NodeId.scalar, scalar.getValue(), true));
    }

    private YamlNode.Scalar scalar(ScalarNode node, Position position) {
        String raw = node.getValue();
        EnvInterpolator.Result result;
        try {
            result = interpolator.resolve(raw);
        } catch (EnvInterpolator.Failure e) {
            problems.add(position, e.getMessage());
            return new YamlNode.Scalar("", YamlNode.Kind.NULL, true, position);
        }
        Tag tag = node.getTag();
        if (result.substituted() && node.isPlain() && !explicitlyTagged(node)) {
            // Substitution happens before typing: "${PORT}" with PORT=8080 is a number.
            tag = result.text().isEmpty() ? Tag.STR : resolver.resolve(NodeId.scalar, result.text(), true);
        }
        return new YamlNode.Scalar(result.text(), kind(tag), result.substituted(), position);
    }

    private boolean explicitlyTagged(ScalarNode node) {
        return !node.getTag().equals(resolver.resolve(NodeId.scalar, node.getValue(), true));
    }

    private static YamlNode.Kind kind(Tag tag) {
        if (Tag.INT.equals(tag)) {
            return YamlNode.Kind.INT;
        } else if (Tag.FLOAT.equals(tag)) {
            return YamlNode.Kind.FLOAT;
        } else if (Tag.BOOL.equals(tag)) {
            return YamlNode.Kind.BOOL;
        } else if (Tag.NULL.equals(tag)) {
            return YamlNode.Kind.NULL;
        }
        return YamlNode.Kind.TEXT;
    }

    private YamlNode.Mapping mapping(MappingNode node, Position position) {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position keyPosition = YamlComposer.position(source, keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode key) || !tagAllowed(keyNode)) {
                problems.add(keyPosition, "a key must be plain text");
                continue;
            }
            YamlNode.Entry first = entries.get(key.getValue());
            if (first != null) {
                problems.add(keyPosition, "duplicate key '" + key.getValue() + "' (first at line "
                        + first.keyPosition().line() + ")");
                continue;
            }
            entries.put(key.getValue(), new YamlNode.Entry(key.getValue(), keyPosition, build(tuple.getValueNode())));
        }
        return new YamlNode.Mapping(entries, position);
    }
}
