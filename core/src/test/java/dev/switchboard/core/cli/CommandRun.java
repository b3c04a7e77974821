package dev.switchboard.core.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One {@code switchboard} command run in this JVM, with what it printed, for tests outside this
 * package. Swaps {@code System.out} and {@code System.err} while it runs, so the log lines the
 * command writes to stderr are in {@link #stderr()} too.
 *
 * @param exitCode what the command returned
 * @param stdout what it printed to standard output
 * @param stderr what it and the log printed to standard error
 */
public record CommandRun(int exitCode, String stdout, String stderr) {

    /** @param args e.g. {@code plugins --plugins DIR} @return the finished run */
    public static synchronized CommandRun of(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.execute(args);
            return new CommandRun(exit, stdout.toString(StandardCharsets.UTF_8),
                    stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
