package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks the top level of a composed handlers.yaml against the schema and builds the {@link RuntimeConfig}. */
final class ConfigReader {

    static final List<String> KEYS = List.of("version", "defaults", "handlers", "server", "store");
    static final String VERSION = "1";

    private final String source;
    private final Problems problems;

    ConfigReader(String source, Problems problems) {
        this.source = source;
        this.problems = problems;
    }

    RuntimeConfig read(YamlNode root) {
        if (!(root instanceof YamlNode.Mapping top)) {
            problems.add(root.position(), "the file must be a map with " + String.join(", ", KEYS)
                    + ", not " + YamlNode.describe(root));
            return null;
        }
        MapFields fields = MapFields.of(top, "", "", problems, KEYS);
        checkVersion(fields);
        MapFields defaultsFields = fields.child("defaults", DeliverySettings.KEYS);
        DeliverySettings defaults = defaultsFields == null ? DeliverySettings.BUILT_IN
                : DeliverySettings.BUILT_IN.overriddenBy(defaultsFields);
        List<HandlerSpec> handlers = handlers(fields.value("handlers"), defaults);
        return new RuntimeConfig(source, handlers, section("server", fields.value("server"), top),
                section("store", fields.value("store"), top));
    }

    private void checkVersion(MapFields fields) {
        YamlNode.Scalar version = fields.scalar("version");
        if (version != null && !VERSION.equals(version.text().trim())) {
            problems.add(version.position(), "unsupported version" + version.shown()
                    + "; this runtime reads version " + VERSION);
        }
    }

    private List<HandlerSpec> handlers(YamlNode node, DeliverySettings defaults) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            problems.add(node.position(), "handlers: must be a list of handlers, not " + YamlNode.describe(node));
            return List.of();
        }
        HandlerReader reader = new HandlerReader(problems, defaults);
        Map<String, HandlerSpec> byName = new HashMap<>();
        List<HandlerSpec> handlers = new ArrayList<>();
        for (YamlNode item : sequence.items()) {
            HandlerSpec spec = reader.read(item, handlers.size() + 1);
            if (spec == null) {
                continue;
            }
            HandlerSpec first = spec.name() == null ? null : byName.putIfAbsent(spec.name(), spec);
            if (first != null) {
                problems.add(spec.position(), "duplicate handler name '" + spec.name() + "' (first at line "
                        + first.position().line() + ")");
            }
            handlers.add(spec);
        }
        reader.checkFallbacks(handlers);
        return List.copyOf(handlers);
    }

    private ConfigBlock section(String name, YamlNode node, YamlNode.Mapping top) {
        if (node == null) {
            return YamlConfigBlock.empty(top.position());
        }
        if (!(node instanceof YamlNode.Mapping map)) {
            problems.add(node.position(), name + ": must be a map, not " + YamlNode.describe(node));
            return YamlConfigBlock.empty(node.position());
        }
        return new YamlConfigBlock(map, "");
    }
}
