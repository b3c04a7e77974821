package dev.switchboard.benchmarks.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableChartTest {

    /** A fan-out result file as FanOutBench writes it, shortened. */
    private static final String FANOUT = """
            200,000 deliveries per run to `noop` handlers (events = deliveries / handlers).

            | store | handlers | µs wall per delivery, median (min–max) | µs CPU per delivery, median (min–max) | context switches per delivery, median | CPU per delivery ÷ one handler's, per round: median (min–max) |
            |---|---|---|---|---|---|
            | memory | 1 | 3.10 (3.00–3.40) | 2.95 (2.90–3.10) | 0.20 | 1.00× (1.00×–1.00×) |
            | memory | 20 | 9.00 (8.10–9.90) | 8.56 (8.12–11.48) | 0.90 | 2.90× (2.80×–3.89×) |
            | sqlite-full | 1 | 60.00 (55.00–70.00) | 52.10 (46.00–65.00) | 3.10 | 1.00× (1.00×–1.00×) |
            | sqlite-full | 20 | 140.00 (130.00–150.00) | 132.80 (120.00–140.00) | 4.00 | 2.55× (2.40×–2.70×) |

            The base of the last column is the first fan-out (1 handler) with the same store, in the same round.
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void drawsAReadableNonBlankPngOfTheRequestedSize() throws IOException {
        Path in = write("fanout.md", FANOUT);
        Path out = dir.resolve("charts/fanout-cpu.png");

        TableChart.draw(ChartSpec.parse(new String[] {"--in", in.toString(), "--out", out.toString(),
                "--title", "Fan-out", "--category", "handlers", "--series", "store", "--values", "µs CPU per delivery",
                "--ratio-to", "1", "--width", "480", "--height", "300"}));

        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(480, image.getWidth());
        assertEquals(300, image.getHeight());
        // bars in both series' colours, beside the white background, the axes and the text
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 2) {
            for (int y = 0; y < image.getHeight(); y += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertTrue(colours.contains(0x4C72B0), "the first series' bars are drawn");
        assertTrue(colours.contains(0xDD8452), "the second series' bars are drawn");
        assertTrue(Files.size(out) < 100_000, "small: " + Files.size(out) + " bytes");
    }

    @Test
    void readsTheBarsFromTheTable() throws IOException {
        ChartSpec spec = ChartSpec.parse(new String[] {"--in", write("f.md", FANOUT).toString(), "--out", "x.png",
                "--title", "t", "--category", "handlers", "--series", "store", "--values", "CPU per delivery ÷"});

        DefaultCategoryDataset bars = TableDataset.from(MarkdownTable.all(FANOUT.lines().toList()), spec);

        assertEquals(List.of("memory", "sqlite-full"), bars.getRowKeys());
        assertEquals(List.of("1", "20"), bars.getColumnKeys());
        assertEquals(2.90, bars.getValue("memory", "20").doubleValue(), 1e-9);
        assertEquals(2.55, bars.getValue("sqlite-full", "20").doubleValue(), 1e-9);
    }

    @Test
    void eachTableCanBeASeriesAndRatioRowsAreLeftOut() throws IOException {
        String text = """
                | pending deliveries | heap after GC |
                |---|---|
                | 100,000 | 11.3 MiB |
                | 1,000,000 | 11.4 MiB |

                | pending deliveries | heap after GC |
                |---|---|
                | 100,000 | 84.0 MiB |
                | x ÷ y | 7.4 MiB |
                """;
        ChartSpec spec = ChartSpec.parse(new String[] {"--in", write("m.md", text).toString(), "--out", "x.png",
                "--title", "t", "--category", "pending", "--values", "heap after GC", "--tables", "sqlite;memory",
                "--exclude", "÷"});

        DefaultCategoryDataset bars = TableDataset.from(MarkdownTable.all(text.lines().toList()), spec);

        assertEquals(List.of("sqlite", "memory"), bars.getRowKeys());
        assertEquals(List.of("100,000", "1,000,000"), bars.getColumnKeys());
        assertEquals(84.0, bars.getValue("memory", "100,000").doubleValue(), 1e-9);
        assertEquals(null, bars.getValue("memory", "1,000,000"));
    }

    @Test
    void aMissingColumnIsAClearError() throws IOException {
        Path in = write("o.md", FANOUT);
        ChartSpec spec = ChartSpec.parse(new String[] {"--in", in.toString(), "--out", "x.png", "--title", "t",
                "--category", "handlers", "--values", "events/s"});

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableChart.draw(spec));

        assertEquals(in + ": no table with the columns [events/s, handlers]", e.getMessage());
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }
}
