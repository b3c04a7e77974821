package dev.switchboard.core.server;

import dev.switchboard.core.plugin.PluginCatalog;
import dev.switchboard.core.plugin.PluginFailure;
import dev.switchboard.core.plugin.PluginInfo;
import dev.switchboard.core.plugin.TypeConflict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code GET /v1/plugins}: what {@code switchboard plugins} prints, as JSON: the plugins that loaded
 * (id, version, JAR file name, the handler and filter types they provide, warnings), those that
 * failed or whose providers failed, with why, and the type conflicts.
 */
final class PluginsEndpoint implements Endpoint {

    private final PluginCatalog catalog;

    PluginsEndpoint(PluginCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void handle(Exchange exchange) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("loaded", catalog.plugins().stream().map(PluginsEndpoint::loaded).toList());
        answer.put("failed", catalog.failures().stream().map(PluginsEndpoint::failed).toList());
        answer.put("conflicts", catalog.conflicts().stream().map(TypeConflict::toString).toList());
        exchange.json(HttpStatus.OK_200, answer);
    }

    private static Map<String, Object> loaded(PluginInfo plugin) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", plugin.id());
        json.put("version", plugin.version());
        json.put("jar", fileName(plugin.jar()));
        json.put("handler_types", plugin.handlerTypes());
        json.put("filter_types", plugin.filterTypes());
        json.put("warnings", plugin.warnings());
        return json;
    }

    private static Map<String, Object> failed(PluginFailure failure) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("jar", fileName(failure.jar()));
        json.put("class_name", failure.className());
        json.put("reason", failure.reason());
        return json;
    }

    /** The JAR's name only: where the plugins folder is on the server's disk is not the caller's business. */
    private static String fileName(Path jar) {
        return jar == null ? null : jar.getFileName().toString();
    }
}
