package dev.switchboard.core.cli;

import dev.switchboard.core.store.StoreException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code switchboard run | validate | plugins | schema | deliveries | replay | handlers | preview | generate-completion | help}. Exit codes: 0 ok (also
 * for {@code -h/--help}), 1 a delivery failed (or an id given to replay was not a dead letter), 2
 * usage or config.
 */
@Command(name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Routes workflow events to Slack, Datadog, Sentry, webhooks and plugin handlers.",
        subcommands = {RunCommand.class, ValidateCommand.class, PluginsCommand.class, SchemaCommand.class,
                DeliveriesCommand.class, HandlersCommand.class, ReplayCommand.class, PreviewCommand.class,
                AutoComplete.GenerateCompletion.class, HelpCommand.class})
public final class Main implements Runnable {

    /** Read by {@link LogFormatSetting} before parsing; declared here so every command takes it and shows it in its help. */
    @Option(names = LogFormatSetting.OPTION, scope = ScopeType.INHERIT, paramLabel = "text|json",
            description = "Log format on stderr: text (default) or json (one object per line); also "
                    + LogFormatSetting.VARIABLE + ".")
    String logFormat;

    public static final int OK = 0;
    public static final int DELIVERY_FAILED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        String logLevel = LogLevelSetting.problem(System.getenv(LogLevelSetting.VARIABLE));
        if (logLevel != null) {
            System.err.println(logLevel);
            System.exit(USAGE);
        }
        String logFormat = LogFormatSetting.requested(args, System.getenv(LogFormatSetting.VARIABLE));
        String formatProblem = LogFormatSetting.problem(logFormat);
        if (formatProblem != null) {
            System.err.println(formatProblem);
            System.exit(USAGE);
        }
        LogFormatSetting.apply(logFormat);
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
