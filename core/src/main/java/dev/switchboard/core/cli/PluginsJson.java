package dev.switchboard.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.core.plugin.PluginCatalog;
import dev.switchboard.core.plugin.PluginFailure;
import dev.switchboard.core.plugin.PluginInfo;
import dev.switchboard.core.plugin.TypeConflict;
import java.time.Duration;
import java.util.List;

/**
 * What {@code switchboard plugins --json} prints, for tools: the plugins that loaded, every handler
 * and filter type with its origin and declared config keys ({@code config: null} when the factory
 * declares none), the failures and the type conflicts.
 */
final class PluginsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PluginsJson() {
    }

    static String of(PluginCatalog catalog) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode plugins = root.putArray("plugins");
        for (PluginInfo plugin : catalog.plugins()) {
            ObjectNode node = plugins.addObject().put("id", plugin.id()).put("version", plugin.version())
                    .put("jar", plugin.jar().toString());
            plugin.handlerTypes().forEach(node.putArray("handler_types")::add);
            plugin.filterTypes().forEach(node.putArray("filter_types")::add);
            plugin.warnings().forEach(node.putArray("warnings")::add);
        }
        ArrayNode handlers = root.putArray("handler_types");
        catalog.handlerTypes().forEach(type -> catalog.handlerFactory(type).ifPresent(entry ->
                type(handlers, type, entry.origin(), DeclaredKeysOf.handler(entry))));
        ArrayNode filters = root.putArray("filter_types");
        catalog.filterTypes().forEach(type -> catalog.filterFactory(type).ifPresent(entry ->
                type(filters, type, entry.origin(), DeclaredKeysOf.filter(entry))));
        ArrayNode failures = root.putArray("failures");
        for (PluginFailure failure : catalog.failures()) {
            failures.add(failure.toString());
        }
        ArrayNode conflicts = root.putArray("conflicts");
        for (TypeConflict conflict : catalog.conflicts()) {
            conflicts.add(conflict.toString());
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static void type(ArrayNode into, String type, String origin, List<ConfigKey> keys) {
        ObjectNode node = into.addObject().put("type", type).put("origin", origin);
        if (keys == null) {
            node.putNull("config");
            return;
        }
        ArrayNode config = node.putArray("config");
        for (ConfigKey key : keys) {
            ObjectNode k = config.addObject().put("name", key.name()).put("type", key.type().displayName())
                    .put("required", key.isRequired()).put("secret", key.isSecret())
                    .put("description", key.description());
            Object value = key.defaultValue();
            if (value != null) {
                k.set("default", JSON.valueToTree(value instanceof Duration d ? d.toString() : value));
            }
        }
    }
}
