package dev.switchboard.core.cli;

import dev.switchboard.core.config.ConfigProblem;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code switchboard handlers}: what an operator does to a handler; so far, enabling one a 410 disabled. */
@Command(name = "handlers", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Act on handlers.", subcommands = HandlersCommand.Enable.class)
final class HandlersCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UsageError("say what to do: switchboard handlers enable NAME");
    }

    /**
     * {@code switchboard handlers enable NAME}: enables a handler that a 410 disabled, through a running
     * runtime's API ({@code --url}) or in a stopped one's store. Exit 0, or 2 for a usage,
     * configuration, store or API error.
     */
    @Command(name = "enable", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Enable a handler that a 410 Gone disabled; its held deliveries are sent again.")
    static final class Enable implements Callable<Integer> {

        @Mixin
        DeliveriesTarget target;

        @Parameters(paramLabel = "NAME", description = "The handler's name.")
        String name;

        @Override
        public Integer call() {
            try (DeliveriesClient client = target.openToEnable()) {
                boolean wasDisabled = client.enable(name);
                System.out.println(wasDisabled ? "handler " + name + " enabled" : "handler " + name + " was not disabled");
                return Main.OK;
            } catch (ConfigProblem problem) {
                problem.lines().forEach(System.err::println);
                return Main.USAGE;
            }
        }
    }
}
