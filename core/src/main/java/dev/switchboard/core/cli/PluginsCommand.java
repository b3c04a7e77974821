package dev.switchboard.core.cli;

import dev.switchboard.core.plugin.PluginCatalog;
import dev.switchboard.core.plugin.PluginFailure;
import dev.switchboard.core.plugin.PluginInfo;
import dev.switchboard.core.runtime.RuntimeVersion;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Lists what the plugins folder provides, and each JAR that failed with why. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List installed plugins, their handler and filter types, and failures.")
final class PluginsCommand implements Callable<Integer> {

    @Mixin
    PluginsOption plugins;

    @Override
    public Integer call() {
        try (PluginCatalog catalog = PluginCatalog.load(plugins.dirOrDefault(), RuntimeVersion.get())) {
            for (PluginInfo plugin : catalog.plugins()) {
                System.out.printf("%s %s (%s)%n  handlers: %s%n  filters: %s%n", plugin.id(), plugin.version(),
                        plugin.jar(), String.join(", ", plugin.handlerTypes()),
                        String.join(", ", plugin.filterTypes()));
            }
            for (PluginFailure failure : catalog.failures()) {
                System.out.println("FAILED " + failure);
            }
            System.out.println("handler types: " + catalog.describeHandlerTypes());
            System.out.println("filter types: " + catalog.describeFilterTypes());
            return Main.OK;
        }
    }
}
