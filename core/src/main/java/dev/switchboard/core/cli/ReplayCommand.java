package dev.switchboard.core.cli;

import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.store.IdReplay;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code switchboard replay ID… | --all-dead [--handler H]}: makes dead letters pending again, due
 * now, with their attempts reset and the same delivery id and {@code webhook-id}; in a stopped
 * runtime's data folder (delivered when a runtime next starts there) or through a running one's
 * API. Exit 0 when every id given was replayed, 1 when some id was not a dead letter (each is named
 * on stderr), 2 for a usage, configuration, store or API error.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Replay dead letters: pending again, attempts reset, the same webhook-id.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    DeliveriesTarget target;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Delivery ids, as switchboard deliveries lists them.")
    List<Long> ids;

    @Option(names = "--all-dead", description = "Every dead letter (of --handler only, when given) instead of ids.")
    boolean allDead;

    @Option(names = "--handler", paramLabel = "NAME", description = "With --all-dead: only this handler's.")
    String handler;

    @Override
    public Integer call() {
        boolean byId = ids != null && !ids.isEmpty();
        if (byId == allDead) {
            throw new UsageError(allDead ? "give delivery ids or --all-dead, not both"
                    : "say what to replay: delivery ids, or --all-dead [--handler NAME]");
        }
        if (handler != null && !allDead) {
            throw new UsageError("--handler goes with --all-dead");
        }
        if (byId && ids.stream().anyMatch(id -> id <= 0)) {
            throw new UsageError("delivery ids are whole numbers from 1");
        }
        try (DeliveriesClient client = target.open()) {
            if (allDead) {
                int replayed = client.replayAll(handler == null || handler.isBlank() ? null : handler);
                System.out.println("replayed " + replayed + " dead letter" + (replayed == 1 ? "" : "s")
                        + (handler == null ? "" : " of " + handler));
                return Main.OK;
            }
            IdReplay.Outcome outcome = client.replay(ids);
            System.out.println("replayed " + outcome.replayed() + " of " + ids.stream().distinct().count());
            for (IdReplay.Skipped skipped : outcome.skipped()) {
                System.err.println("switchboard replay: " + skipped.id() + ": " + skipped.reason());
            }
            return outcome.skipped().isEmpty() ? Main.OK : Main.DELIVERY_FAILED;
        } catch (ConfigProblem problem) {
            problem.lines().forEach(System.err::println);
            return Main.USAGE;
        }
    }
}
