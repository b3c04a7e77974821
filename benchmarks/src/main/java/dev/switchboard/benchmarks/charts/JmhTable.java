package dev.switchboard.benchmarks.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.benchmarks.support.Args;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result ({@code -rf json -rff jmh.json}) into the Markdown tables {@link TableChart}
 * reads: one table per score unit (e.g. {@code ops/s}, {@code ns/op}), a row per benchmark and
 * parameter set, so that {@code benchmarks/jmh.sh} can draw them side by side.
 *
 * <pre>
 * java -cp benchmarks.jar dev.switchboard.benchmarks.charts.JmhTable --in jmh.json --out jmh.md
 * </pre>
 */
public final class JmhTable {

    /** Header of the first column: the benchmark's class and method, then its parameters. */
    static final String CASE = "case";

    private JmhTable() {
    }

    public static void main(String[] argv) throws IOException {
        try {
            Args args = new Args(argv, "in", "out");
            Path in = args.path("in");
            if (!Files.isRegularFile(in)) {
                throw new IllegalArgumentException(in + ": no such file");
            }
            Path out = args.path("out");
            Files.writeString(out, markdown(new ObjectMapper().readTree(in.toFile()), in), StandardCharsets.UTF_8);
            System.out.println("table: " + out);
        } catch (IllegalArgumentException e) {
            System.err.println("JmhTable: " + e.getMessage());
            System.exit(2);
        }
    }

    /** The Markdown of a JMH JSON result (an array of runs), rows in JMH's order. */
    static String markdown(JsonNode runs, Path source) {
        if (!runs.isArray() || runs.isEmpty()) {
            throw new IllegalArgumentException(source + ": not a JMH JSON result (an array of benchmark runs)");
        }
        Map<String, List<String>> rowsByUnit = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            JsonNode metric = run.path("primaryMetric");
            String unit = metric.path("scoreUnit").asText("");
            if (!run.hasNonNull("benchmark") || unit.isEmpty() || !metric.path("score").isNumber()) {
                throw new IllegalArgumentException(source + ": a run without benchmark, primaryMetric.score or scoreUnit");
            }
            rowsByUnit.computeIfAbsent(unit, u -> new ArrayList<>()).add(String.format(Locale.ROOT, "| %s | %.3f | %s |",
                    caseName(run), metric.get("score").asDouble(), error(metric.path("scoreError"))));
        }
        StringBuilder md = new StringBuilder("JMH results from ").append(source.getFileName())
                .append(" (score ± 99.9 % error), one table per unit.\n");
        rowsByUnit.forEach((unit, rows) -> {
            md.append("\n| ").append(CASE).append(" | ").append(unit).append(" | ± error |\n|---|---|---|\n");
            rows.forEach(row -> md.append(row).append('\n'));
        });
        return md.toString();
    }

    /** {@code DispatchBenchmark.publish handlers=1, store=memory}: the class's simple name, the method, the params. */
    static String caseName(JsonNode run) {
        String[] parts = run.get("benchmark").asText().split("\\.");
        StringBuilder name = new StringBuilder(parts.length >= 2 ? parts[parts.length - 2] + "." : "")
                .append(parts[parts.length - 1]);
        String separator = " ";
        for (Iterator<Map.Entry<String, JsonNode>> it = run.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            name.append(separator).append(param.getKey()).append('=').append(param.getValue().asText());
            separator = ", ";
        }
        return name.toString().replace("|", "/");
    }

    private static String error(JsonNode error) {
        // JMH writes "NaN" (a string) when one iteration gives no error estimate
        return error.isNumber() && Double.isFinite(error.asDouble())
                ? String.format(Locale.ROOT, "%.3f", error.asDouble()) : "n/a";
    }
}
