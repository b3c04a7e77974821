package dev.switchboard.core.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code switchboard run | validate | plugins}. Exit codes: 0 ok, 1 a delivery failed, 2 usage or config. */
@Command(name = "switchboard",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Routes workflow events to Slack, Datadog, Sentry, webhooks and plugin handlers.",
        subcommands = {RunCommand.class, ValidateCommand.class, PluginsCommand.class})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int DELIVERY_FAILED = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        StartupWarmUp.begin();
        System.exit(execute(args));
    }

    static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExitCodeExceptionMapper(error -> USAGE);
        StartupWarmUp.awaitLogging();
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }
}
