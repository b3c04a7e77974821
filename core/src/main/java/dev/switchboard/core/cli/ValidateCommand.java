package dev.switchboard.core.cli;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.server.SwitchboardServer;
import dev.switchboard.core.store.BacklogLimits;
import dev.switchboard.core.store.MemoryStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Loads plugins, reads the configuration, creates every handler and checks the {@code server:}
 * section as {@code run} would, without sending or listening.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Check handlers.yaml against the installed plugins: prints ok, or each error.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    PluginsOption plugins;

    @Mixin
    DataOption data;

    @Override
    public Integer call() {
        try (Switchboard switchboard = Switchboard.builder()
                .config(config.fileOrDefault())
                .pluginsDir(plugins.dirOrDefault())
                .dataDir(data.overriding())
                .defaultDataDir(data.installationDefault())
                // The store section is checked; the store itself is not opened (a running runtime may hold it).
                .store(new MemoryStore(Clock.systemUTC(), BacklogLimits.of(1)))
                .build()) {
            switchboard.close(Duration.ZERO);
            SwitchboardServer.checkSettings(switchboard.config());
            System.out.println("ok");
            return Main.OK;
        } catch (ConfigProblem problem) {
            problem.lines().forEach(System.err::println);
            return Main.USAGE;
        }
    }
}
