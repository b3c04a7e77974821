package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard generate-completion}: a bash/zsh script that bash itself accepts and that completes our commands. */
class CompletionTest {

    @TempDir
    Path temp;

    @Test
    void printsAScriptThatBashLoadsAndThatCompletesCommandsAndOptions() throws Exception {
        CommandRun run = CommandRun.of("generate-completion");

        assertThat(run.exitCode()).isZero();
        String script = run.stdout();
        assertThat(script).contains("complete -F _complete_switchboard").contains("preview").contains("--log-format");
        Path file = Files.writeString(temp.resolve("switchboard_completion"), script);
        assertThat(complete(file, "switchboard pre", 1)).isEqualTo("preview");
        assertThat(complete(file, "switchboard preview --ev", 2)).isEqualTo("--event");
    }

    /** Loads the script into a real bash and asks what the last word of {@code line} completes to. */
    private static String complete(Path script, String line, int word) throws Exception {
        // compopt complains outside a real completion; stderr is not what is checked.
        Process bash = new ProcessBuilder("bash", "-c", "source " + script + " 2>/dev/null; COMP_WORDS=(" + line
                + "); COMP_CWORD=" + word + "; _complete_switchboard 2>/dev/null; echo \"${COMPREPLY[@]}\"")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(bash.getInputStream().readAllBytes());
        assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(bash.exitValue()).as(output).isZero();
        return output.strip();
    }
}
