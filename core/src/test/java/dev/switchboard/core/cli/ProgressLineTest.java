package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void showsCountsRateAndForAFileItsPercentage() {
        assertThat(ProgressLine.format(new ProgressLine.Counts(12_345, 12_000, 11_500, 3, 42.4), 2.0))
                .isEqualTo("read 12,345  accepted 12,000  delivered 11,500  failed 3  6,000 events/s  42%");
        assertThat(ProgressLine.format(new ProgressLine.Counts(10, 10, 9, 0, -1), 1.0))
                .isEqualTo("read 10  accepted 10  delivered 9  failed 0  10 events/s");
    }

    @Test
    void redrawsInPlaceAndWipesItselfWhenClosed() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AtomicLong read = new AtomicLong();
        ProgressLine line = ProgressLine.startOn(new PrintStream(out, true, StandardCharsets.UTF_8),
                () -> new ProgressLine.Counts(read.incrementAndGet(), 0, 0, 0, 50), System.nanoTime());
        Thread.sleep(ProgressLine.EVERY_MILLIS * 3);
        line.close();
        String drawn = out.toString(StandardCharsets.UTF_8);

        assertThat(drawn).startsWith("\r\033[Kread 1  accepted 0").contains("\r\033[Kread 2  ").endsWith("\r\033[K")
                .doesNotContain("\n");
        int after = out.size();
        Thread.sleep(ProgressLine.EVERY_MILLIS * 2);
        assertThat(out.size()).isEqualTo(after);
    }

    @Test
    void latenciesKeepThreeSignificantDigits() {
        assertThat(RunSummary.millis(-1)).isEqualTo("-");
        assertThat(RunSummary.millis(12.3456)).isEqualTo("12.3");
        assertThat(RunSummary.millis(0.0421)).isEqualTo("0.0421");
        assertThat(RunSummary.millis(1234.5)).isEqualTo("1230");
    }
}
