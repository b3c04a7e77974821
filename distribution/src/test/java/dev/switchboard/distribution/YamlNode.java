package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A node of a parsed YAML document that names its own path in every failure, e.g.
 * {@code postgres/deployment.yaml: spec.template.spec.containers[0].ports: missing}.
 */
record YamlNode(Object value, String path) {

    static YamlNode root(Object value, String source) {
        return new YamlNode(value, source + ":");
    }

    /** @return the child, which must exist */
    YamlNode get(String key) {
        YamlNode child = opt(key);
        assertThat(child.value).as(child.path + " missing").isNotNull();
        return child;
    }

    /** @return the child, whose value is null when it is absent */
    YamlNode opt(String key) {
        Object child = value == null ? null : map().get(key);
        return new YamlNode(child, path + (path.endsWith(":") ? " " : ".") + key);
    }

    /** @return a path of keys, dot-separated, each of which must exist */
    YamlNode at(String dottedPath) {
        YamlNode node = this;
        for (String key : dottedPath.split("\\.")) {
            node = node.get(key);
        }
        return node;
    }

    /** @return the item of this list whose {@code name} is the given one */
    YamlNode named(String name) {
        return items().stream().filter(item -> name.equals(item.opt("name").value))
                .findFirst().orElseThrow(() -> new AssertionError(path + ": no item named '" + name + "'"));
    }

    List<YamlNode> items() {
        assertThat(value).as(path + " must be a list").isInstanceOf(List.class);
        List<?> list = (List<?>) value;
        return IntStream.range(0, list.size()).mapToObj(i -> new YamlNode(list.get(i), path + "[" + i + "]")).toList();
    }

    boolean present() {
        return value != null;
    }

    String text() {
        assertThat(value).as(path).isNotNull();
        return String.valueOf(value);
    }

    int integer() {
        assertThat(value).as(path + " must be an integer").isInstanceOf(Integer.class);
        return (Integer) value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map() {
        assertThat(value).as(path + " must be a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }
}
