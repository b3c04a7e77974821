package dev.switchboard.core.cli;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.Preview;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.event.EventJson;
import dev.switchboard.core.event.InvalidEventException;
import dev.switchboard.core.store.BacklogLimits;
import dev.switchboard.core.store.MemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code switchboard preview --event FILE|- [--handler NAME] [--json]}: what each handler would
 * send for one event, without sending anything.
 */
@Command(name = "preview", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Show, without sending anything, what each handler would send for one event (after",
                "redaction, filters, template and signing; secrets as ***), and which handlers do not take it and why."})
final class PreviewCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Mixin
    PluginsOption plugins;

    @Option(names = "--event", required = true, paramLabel = "FILE|-",
            description = "The event: a JSON file, or - for standard input.")
    String eventFile;

    @Option(names = "--handler", paramLabel = "NAME", description = "Only this handler.")
    String handler;

    @Option(names = "--json", description = "Print the preview as JSON, as POST /v1/preview answers it.")
    boolean json;

    private final InputStream stdin;
    private final PrintStream out;

    PreviewCommand() {
        this(System.in, System.out);
    }

    PreviewCommand(InputStream stdin, PrintStream out) {
        this.stdin = stdin;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        WorkflowEvent event = readEvent();
        try (Switchboard switchboard = Switchboard.builder()
                .config(config.fileOrDefault())
                .pluginsDir(plugins.dirOrDefault())
                // Nothing is accepted: an empty memory store, so that a running runtime's store is not touched.
                .store(new MemoryStore(Clock.systemUTC(), BacklogLimits.of(1)))
                .build()) {
            Preview preview;
            try {
                preview = switchboard.preview(event, handler);
            } catch (IllegalArgumentException unknown) {
                throw new UsageError("--handler: " + unknown.getMessage());
            } finally {
                switchboard.close(Duration.ZERO);
            }
            if (json) {
                out.println(EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(preview.toJson()));
            } else {
                PreviewText.print(preview, out);
            }
            return Main.OK;
        } catch (ConfigProblem problem) {
            problem.lines().forEach(System.err::println);
            return Main.USAGE;
        }
    }

    private WorkflowEvent readEvent() {
        String text;
        try {
            text = "-".equals(eventFile) ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(eventFile), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageError("--event: " + eventFile + ": no such file");
        } catch (IOException e) {
            throw new UsageError("--event: " + eventFile + ": cannot read: " + e.getMessage());
        }
        try {
            return EventJson.parse(text);
        } catch (InvalidEventException e) {
            throw new UsageError("--event: " + ("-".equals(eventFile) ? "standard input" : eventFile) + ": "
                    + (e.field() == null ? "" : e.field() + ": ") + e.getMessage());
        }
    }
}
