package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.testing.ScriptedReceiver;
import dev.switchboard.core.testing.ScriptedReceiver.Arrival;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --input FILE} run in this JVM as the command line runs it, on a real SQLite data folder,
 * delivering to a real HTTP receiver, and run again on the same file: it resumes after the last
 * accepted line, and {@code --from-start} sends every line again with the same {@code webhook-id}.
 */
class RunInputResumeTest {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");

    @TempDir
    Path temp;

    private ScriptedReceiver receiver;
    private Path input;

    @BeforeEach
    void start() throws Exception {
        receiver = new ScriptedReceiver();
        input = temp.resolve("events.ndjson");
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void aRerunOnTheSameFileSendsNothingAgain() throws Exception {
        Files.writeString(input, lines(1, 5));

        CommandRun first = run();
        CommandRun second = run();

        assertThat(first.exitCode()).isZero();
        assertThat(first.stdout()).contains("events: 5 read, 5 accepted, 0 rejected" + System.lineSeparator());
        assertThat(second.exitCode()).isZero();
        assertThat(second.stderr()).contains("resuming " + input + " after line 5 (byte " + Files.size(input)
                + "); --from-start re-reads it" + System.lineSeparator());
        assertThat(second.stdout()).contains("events: 0 read, 0 accepted, 0 rejected");
        assertThat(seqs(receiver.arrivals())).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(receiver.arrivals()).extracting(Arrival::webhookId).doesNotHaveDuplicates();
    }

    @Test
    void afterLinesAreAppendedTheRerunSendsOnlyTheNewOnes() throws Exception {
        Files.writeString(input, lines(1, 3));
        long endOfThird = Files.size(input);
        assertThat(run().exitCode()).isZero();

        Files.writeString(input, "\n" + event(4) + "\r\n" + event(5), StandardOpenOption.APPEND);
        CommandRun rerun = run();

        assertThat(rerun.exitCode()).isZero();
        assertThat(rerun.stderr()).contains("resuming " + input + " after line 3 (byte " + endOfThird + ")");
        assertThat(rerun.stdout()).contains("events: 2 read, 2 accepted, 0 rejected");
        List<Arrival> arrivals = receiver.arrivals();
        assertThat(seqs(arrivals.subList(0, 3))).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(seqs(arrivals.subList(3, arrivals.size()))).containsExactlyInAnyOrder(4, 5);

        assertThat(run().stderr()).contains("resuming " + input + " after line 6 (byte " + Files.size(input) + ")");
        assertThat(receiver.arrivals()).hasSize(5);
    }

    @Test
    void fromStartSendsEveryLineAgainWithTheWebhookIdItHadTheFirstTime() throws Exception {
        Files.writeString(input, lines(1, 20));
        assertThat(run().exitCode()).isZero();
        Map<Integer, String> firstIds = idsBySeq(receiver.arrivals());

        CommandRun again = run("--from-start");

        assertThat(again.exitCode()).isZero();
        assertThat(again.stderr()).doesNotContain("resuming");
        assertThat(again.stdout()).contains("events: 20 read, 20 accepted, 0 rejected");
        List<Arrival> arrivals = receiver.arrivals();
        assertThat(arrivals).hasSize(40);
        assertThat(firstIds).hasSize(20).doesNotContainValue(null);
        assertThat(idsBySeq(arrivals.subList(20, 40))).isEqualTo(firstIds);
        assertThat(run().stderr()).contains("resuming " + input + " after line 20");
        assertThat(receiver.arrivals()).hasSize(40);
    }

    @Test
    void aFileTruncatedBelowTheStoredOffsetIsReadFromTheStartAndItsSameLinesKeepTheirIds() throws Exception {
        Files.writeString(input, lines(1, 3));
        long stored = Files.size(input);
        assertThat(run().exitCode()).isZero();
        Map<Integer, String> firstIds = idsBySeq(receiver.arrivals());

        Files.writeString(input, lines(1, 1)); // in place: same inode, same first line
        CommandRun rerun = run();

        assertThat(rerun.stderr()).contains(input + " is shorter than when it was last read (" + Files.size(input)
                + " bytes, line 3 ended at byte " + stored + "): it was truncated; reading it from the start");
        List<Arrival> arrivals = receiver.arrivals();
        assertThat(arrivals).hasSize(4);
        assertThat(arrivals.get(3).webhookId()).isEqualTo(firstIds.get(1));
    }

    @Test
    void aRejectedLineIsNotAcceptedSoARerunReadsAndReportsItAgain() throws Exception {
        Files.writeString(input, event(1) + "\n{\"event_type\": 7}\n");
        long endOfFirst = event(1).length() + 1;

        CommandRun first = run();
        CommandRun second = run();

        assertThat(first.exitCode()).isEqualTo(Main.DELIVERY_FAILED);
        assertThat(first.stdout()).contains("events: 2 read, 1 accepted, 1 rejected");
        assertThat(second.stderr()).contains("resuming " + input + " after line 1 (byte " + endOfFirst + ")")
                .contains(input + ":2: ");
        assertThat(second.stdout()).contains("events: 1 read, 0 accepted, 1 rejected");
        assertThat(seqs(receiver.arrivals())).containsExactly(1);
    }

    @Test
    void standardInputIsNeverResumedAndItsEventsGetFreshIds() throws Exception {
        byte[] events = lines(1, 3).getBytes(StandardCharsets.UTF_8);

        CommandRun first = runWithStdin(events);
        CommandRun second = runWithStdin(events);

        assertThat(first.stdout()).contains("events: 3 read, 3 accepted");
        assertThat(second.stdout()).contains("events: 3 read, 3 accepted");
        assertThat(second.stderr()).doesNotContain("resuming");
        assertThat(receiver.arrivals()).hasSize(6).extracting(Arrival::webhookId).doesNotHaveDuplicates();
    }

    @Test
    void withTheMemoryStoreARerunSendsEverythingAgainButWithTheSameIds() throws Exception {
        Files.writeString(input, lines(1, 3));

        assertThat(runWithStore("store: {type: memory}\n").exitCode()).isZero();
        CommandRun rerun = runWithStore("store: {type: memory}\n");

        assertThat(rerun.stderr()).doesNotContain("resuming");
        List<Arrival> arrivals = receiver.arrivals();
        assertThat(arrivals).hasSize(6);
        assertThat(idsBySeq(arrivals.subList(3, 6))).isEqualTo(idsBySeq(arrivals.subList(0, 3)));
    }

    @Test
    void theSummaryAddsElapsedTimeRateAndLatencyPercentilesAndNoProgressLineGoesToANonTerminal() throws Exception {
        Files.writeString(input, lines(1, 20));

        CommandRun run = run();

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).containsPattern("handler +type +delivered +retried +failed +p50 ms +p99 ms")
                .containsPattern("hook +posting +20 +0 +0 +[0-9.]+ +[0-9.]+" + System.lineSeparator())
                .containsPattern("elapsed: [0-9]+\\.[0-9]{3} s, [0-9]+ events/s");
        // Under the test runner stderr is a pipe, not a terminal: no live line, no carriage return.
        assertThat(run.stderr()).doesNotContain("\r").doesNotContain("events/s");
    }

    @Test
    void fromStartWithoutInputIsAUsageError() {
        CommandRun run = CommandRun.of("run", "--from-start");

        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.stderr()).isEqualTo("switchboard run: --from-start re-reads an --input file; it goes only"
                + " with --input" + System.lineSeparator());
    }

    private CommandRun run(String... options) throws Exception {
        return command(input.toString(), "", options);
    }

    /** @param storeSection a top-level {@code store:} line for handlers.yaml */
    private CommandRun runWithStore(String storeSection) throws Exception {
        return command(input.toString(), storeSection);
    }

    private CommandRun runWithStdin(byte[] events) throws Exception {
        InputStream stdin = System.in;
        System.setIn(new ByteArrayInputStream(events));
        try {
            return command("-", "");
        } finally {
            System.setIn(stdin);
        }
    }

    private CommandRun command(String inputArgument, String storeSection, String... options) throws Exception {
        Path config = Files.writeString(temp.resolve("handlers.yaml"), "version: 1\n" + storeSection
                + "handlers:\n  - name: hook\n    type: posting\n    events: [\"*\"]\n    config:\n      url: "
                + receiver.url() + "\n");
        List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(),
                "--data", temp.resolve("data").toString(), "--input", inputArgument));
        args.addAll(List.of(options));
        return CommandRun.of(args.toArray(String[]::new));
    }

    private static String event(int seq) {
        return "{\"event_type\": \"step_complete\", \"session_id\": \"s-1\", \"data\": {\"seq\": " + seq + "}}";
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(seq -> event(seq) + "\n").collect(Collectors.joining());
    }

    private static List<Integer> seqs(List<Arrival> arrivals) {
        return arrivals.stream().map(RunInputResumeTest::seq).toList();
    }

    private static int seq(Arrival arrival) {
        Matcher matcher = SEQ.matcher(arrival.body());
        assertThat(matcher.find()).as("a seq in %s", arrival.body()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    private static Map<Integer, String> idsBySeq(List<Arrival> arrivals) {
        Map<Integer, String> ids = new LinkedHashMap<>();
        arrivals.forEach(arrival -> assertThat(ids.put(seq(arrival), arrival.webhookId())).isNull());
        return ids;
    }
}
