package dev.switchboard.core.cli;

import dev.switchboard.core.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/**
 * {@code switchboard run | validate | plugins | schema | deliveries | replay | help}. Exit codes: 0 ok (also
 * for {@code -h/--help}), 1 a delivery failed (or an id given to replay was not a dead letter), 2
 * usage or config.
 */
@Command(name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Routes workflow events to Slack, Datadog, Sentry, webhooks and plugin handlers.",
        subcommands = {RunCommand.class, ValidateCommand.class, PluginsCommand.class, SchemaCommand.class,
                DeliveriesCommand.class,
                ReplayCommand.class, HelpCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int DELIVERY_FAILED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        String logLevel = LogLevelSetting.problem(System.getenv(LogLevelSetting.VARIABLE));
        if (logLevel != null) {
            System.err.println(logLevel);
            System.exit(USAGE);
        }
        StartupWarmUp.begin();
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExitCodeExceptionMapper(error -> USAGE);
        commandLine.setExecutionExceptionHandler((error, command, parsed) -> {
            if (error instanceof UsageError || error instanceof StoreException) {
                System.err.println(command.getCommandSpec().qualifiedName() + ": " + error.getMessage());
                return USAGE;
            }
            throw error;
        });
        StartupWarmUp.awaitLogging();
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
