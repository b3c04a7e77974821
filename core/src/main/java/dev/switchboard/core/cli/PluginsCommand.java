package dev.switchboard.core.cli;

import dev.switchboard.core.RuntimeVersion;
import dev.switchboard.core.plugin.PluginCatalog;
import dev.switchboard.core.plugin.PluginFailure;
import dev.switchboard.core.plugin.PluginInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lists what the plugins folder provides, each plugin's warnings, and each JAR that failed with
 * why; exits 2 when two plugins provide the same type, as {@code run} and {@code validate} do.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List installed plugins, their handler and filter types, and failures.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    PluginsOption plugins;

    @Option(names = "--json", description = "Print one JSON document for tools: plugins, types with their config keys,"
            + " failures, conflicts.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (PluginCatalog catalog = PluginCatalog.load(plugins.dirOrDefault(), RuntimeVersion.get())) {
            if (json) {
                System.out.println(PluginsJson.of(catalog));
                return catalog.conflicts().isEmpty() ? Main.OK : Main.USAGE;
            }
            for (PluginInfo plugin : catalog.plugins()) {
                System.out.printf("%s %s (%s)%n  handlers: %s%n  filters: %s%n", plugin.id(), plugin.version(),
                        plugin.jar(), String.join(", ", plugin.handlerTypes()),
                        String.join(", ", plugin.filterTypes()));
                plugin.warnings().forEach(warning -> System.out.println("  warning: " + warning));
            }
            for (PluginFailure failure : catalog.failures()) {
                System.out.println("FAILED " + failure);
            }
            System.out.println("handler types: " + catalog.describeHandlerTypes());
            System.out.println("filter types: " + catalog.describeFilterTypes());
            catalog.conflicts().forEach(System.err::println);
            return catalog.conflicts().isEmpty() ? Main.OK : Main.USAGE;
        }
    }
}
