package dev.switchboard.core.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.core.RuntimeVersion;
import dev.switchboard.core.config.HandlersSchema;
import dev.switchboard.core.plugin.PluginCatalog;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Prints the JSON Schema of handlers.yaml for the installed plugins, for editors:
 * {@code switchboard schema > conf/handlers.schema.json}, which the distribution's
 * {@code conf/handlers.yaml} names in its {@code yaml-language-server} comment.
 */
@Command(name = "schema", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the JSON Schema (2020-12) of handlers.yaml, with each installed plugin's config keys.")
final class SchemaCommand implements Callable<Integer> {

    @Mixin
    PluginsOption plugins;

    @Override
    public Integer call() throws Exception {
        try (PluginCatalog catalog = PluginCatalog.load(plugins.dirOrDefault(), RuntimeVersion.get())) {
            Map<String, List<ConfigKey>> handlers = new LinkedHashMap<>();
            catalog.handlerTypes().forEach(type -> handlers.put(type,
                    DeclaredKeysOf.handler(catalog.handlerFactory(type).orElseThrow())));
            Map<String, List<ConfigKey>> filters = new LinkedHashMap<>();
            catalog.filterTypes().forEach(type -> filters.put(type,
                    DeclaredKeysOf.filter(catalog.filterFactory(type).orElseThrow())));
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(HandlersSchema.of(handlers, filters)));
            return Main.OK;
        }
    }
}
