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
 * scalar, map and list ones, duplicate keys, non-text keys and recursive aliases, resolves
 * merge keys ({@code <<: *base}), and substitutes environment variables in every scalar value
 * (never in keys). What it builds, counted through every alias, is bounded by
 * {@link #MAX_EXPANDED} characters.
 */
final class TreeBuilder {

    private static final Set<Tag> STANDARD = Set.of(
            Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ);
    /**
     * Scalar text as the reader of the tree sees it, each alias counted again: a scalar alias
     * repeated many times (billion laughs) costs nothing here, but every consumer that walks the
     * tree would pay for each copy.
     */
    static final long MAX_EXPANDED = YamlComposer.MAX_CODE_POINTS;

    /** Thrown once the tree expands beyond {@link #MAX_EXPANDED}; ends the build at once. */
    static final class TooLarge extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final transient Position position;

        TooLarge(Position position) {
            super(null, null, false, false);
            this.position = position;
        }

        String message() {
            return "aliases expand the file to more than " + MAX_EXPANDED + " characters";
        }
    }

    private final String source;
    private final EnvInterpolator interpolator;
    private final Problems problems;
    private final Resolver resolver = new Resolver();
    /** An alias is the same node object: build it once, and notice when it contains itself. */
    private final Map<Node, YamlNode> built = new IdentityHashMap<>();
    private final Set<Node> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Expanded size of each built node, so that a second reference costs one look-up. */
    private final Map<Node, Long> sizes = new IdentityHashMap<>();
    private long expanded;

    TreeBuilder(String source, Map<String, String> env, Problems problems) {
        this.source = source;
        this.interpolator = new EnvInterpolator(env);
        this.problems = problems;
    }

    static String tagNotAllowed(String tag) {
        String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        return "tag " + shown + " is not allowed: only plain YAML values, maps and lists are";
    }

    /** @throws TooLarge once aliases expand the tree beyond {@link #MAX_EXPANDED} */
    YamlNode build(Node node) {
        Position position = YamlComposer.position(source, node.getStartMark());
        YamlNode done = built.get(node);
        if (done != null) {
            count(sizes.get(node), position);
            return done;
        }
        long before = expanded;
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
        sizes.put(node, expanded - before);
        return result;
    }

    private void count(long size, Position position) {
        expanded += size;
        if (expanded > MAX_EXPANDED) {
            throw new TooLarge(position);
        }
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
        count(result.text().length() + 1, position);
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
        List<YamlNode.Mapping> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Position keyPosition = YamlComposer.position(source, keyNode.getStartMark());
            if (Tag.MERGE.equals(keyNode.getTag())) {
                merged.addAll(mergeSources(tuple.getValueNode()));
                continue;
            }
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
        // The map's own keys win over merged ones, and an earlier merged map over a later one.
        for (YamlNode.Mapping source : merged) {
            source.entries().forEach(entries::putIfAbsent);
        }
        return new YamlNode.Mapping(entries, position);
    }

    /** @param value what follows {@code <<:}: a map, or a list of maps */
    private List<YamlNode.Mapping> mergeSources(Node value) {
        List<Node> nodes = value instanceof SequenceNode sequence ? sequence.getValue() : List.of(value);
        List<YamlNode.Mapping> sources = new ArrayList<>();
        for (Node item : nodes) {
            if (build(item) instanceof YamlNode.Mapping mapping) {
                sources.add(mapping);
            } else {
                problems.add(YamlComposer.position(source, item.getStartMark()),
                        "a merge key (<<) takes a map or a list of maps");
            }
        }
        return sources;
    }
}
