package dev.switchboard.benchmarks.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhTableTest {

    /** A JMH JSON result (-rf json) as JMH 1.37 writes it, cut to the fields read and three runs. */
    private static final String JMH_JSON = """
            [
              {"jmhVersion": "1.37", "benchmark": "dev.switchboard.benchmarks.HandOffBaseline.handOff",
               "mode": "thrpt", "threads": 1, "forks": 1,
               "primaryMetric": {"score": 2000000.5, "scoreError": 100000.25, "scoreUnit": "ops/s"}},
              {"jmhVersion": "1.37", "benchmark": "dev.switchboard.benchmarks.DispatchBenchmark.publish",
               "mode": "thrpt", "params": {"handlers": "1", "handler": "noop", "store": "memory"},
               "primaryMetric": {"score": 500000.0, "scoreError": 20000.0, "scoreUnit": "ops/s"}},
              {"jmhVersion": "1.37", "benchmark": "dev.switchboard.core.delivery.MatchingBenchmark.matches",
               "mode": "avgt",
               "primaryMetric": {"score": 41.25, "scoreError": "NaN", "scoreUnit": "ns/op"}}
            ]
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesOneTablePerUnitWithARowPerBenchmarkAndParams() throws IOException {
        String md = JmhTable.markdown(new ObjectMapper().readTree(JMH_JSON), Path.of("jmh.json"));

        List<MarkdownTable> tables = MarkdownTable.all(md.lines().toList());
        assertEquals(2, tables.size(), md);
        assertEquals(List.of("case", "ops/s", "± error"), tables.get(0).header());
        assertEquals(List.of(List.of("HandOffBaseline.handOff", "2000000.500", "100000.250"),
                List.of("DispatchBenchmark.publish handlers=1, handler=noop, store=memory", "500000.000", "20000.000")),
                tables.get(0).rows());
        assertEquals(List.of("case", "ns/op", "± error"), tables.get(1).header());
        assertEquals(List.of(List.of("MatchingBenchmark.matches", "41.250", "n/a")), tables.get(1).rows());
    }

    @Test
    void drawsTheThroughputsSideBySideAgainstTheBaseline() throws IOException {
        Path json = dir.resolve("jmh.json");
        Files.writeString(json, JMH_JSON, StandardCharsets.UTF_8);
        Path md = dir.resolve("jmh.md");
        JmhTable.main(new String[] {"--in", json.toString(), "--out", md.toString()});
        Path png = dir.resolve("jmh-throughput.png");
        ChartSpec spec = ChartSpec.parse(new String[] {"--in", md.toString(), "--out", png.toString(),
                "--title", "JMH", "--category", "case", "--values", "ops/s", "--ratio-to", "HandOffBaseline.handOff",
                "--horizontal", "true", "--width", "700", "--height", "300"});

        DefaultCategoryDataset bars = TableDataset.from(MarkdownTable.all(Files.readAllLines(md)), spec);
        TableChart.draw(spec);

        assertEquals(List.of("HandOffBaseline.handOff", "DispatchBenchmark.publish handlers=1, handler=noop, store=memory"),
                bars.getColumnKeys(), "the ns/op table is not mixed in");
        assertEquals(500000.0, bars.getValue("ops/s", "DispatchBenchmark.publish handlers=1, handler=noop, store=memory")
                .doubleValue(), 1e-9);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(700, image.getWidth());
        assertEquals(300, image.getHeight());
        boolean bar = false;
        for (int x = 0; x < image.getWidth() && !bar; x++) {
            for (int y = 0; y < image.getHeight() && !bar; y++) {
                bar = (image.getRGB(x, y) & 0xFFFFFF) == 0x4C72B0;
            }
        }
        assertTrue(bar, "the bars are drawn");
    }

    @Test
    void refusesAFileThatIsNotAJmhResult() throws IOException {
        var e = assertThrows(IllegalArgumentException.class,
                () -> JmhTable.markdown(new ObjectMapper().readTree("{\"benchmark\": \"x\"}"), Path.of("x.json")));
        assertEquals("x.json: not a JMH JSON result (an array of benchmark runs)", e.getMessage());
    }
}
