package dev.switchboard.benchmarks.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * Draws one comparison of a benchmark's result file as a PNG bar chart; the scripts call it after
 * writing their results (see {@code benchmarks/charts.sh}).
 *
 * <pre>
 * java -cp benchmarks.jar dev.switchboard.benchmarks.charts.TableChart --in ordering.md --out ordering.png \
 *   --title "Per-session ordering" --category ordering --values "deliveries/s" [--series COLUMN]
 *   [--tables "NAME;NAME"] [--exclude TEXT] [--ratio-to NAME] [--axis LABEL] [--note TEXT]
 *   [--horizontal true] [--width 640] [--height 360]
 * </pre>
 */
public final class TableChart {

    private TableChart() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        try {
            ChartSpec spec = ChartSpec.parse(args);
            draw(spec);
            System.out.println("chart: " + spec.out());
        } catch (IllegalArgumentException e) {
            System.err.println("TableChart: " + e.getMessage());
            System.exit(2);
        }
    }

    static void draw(ChartSpec spec) throws IOException {
        if (!Files.isRegularFile(spec.in())) {
            throw new IllegalArgumentException(spec.in() + ": no such file");
        }
        var tables = MarkdownTable.all(Files.readAllLines(spec.in(), StandardCharsets.UTF_8));
        BarChartPng.write(TableDataset.from(tables, spec), spec);
    }
}
