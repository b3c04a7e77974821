package dev.switchboard.benchmarks.charts;

import dev.switchboard.benchmarks.support.Args;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What to draw from a result file: the table (by its columns), the bars' categories and series,
 * and the picture's look.
 *
 * @param category column whose cells name the bar groups
 * @param series   column whose cells name the bars within a group, or null: then each of
 *                 {@code values} is a series (or each table of {@code tables})
 * @param values   value columns (the first number of each cell; rows without one are left out)
 * @param tables   names of the series when every table with these columns is one series, or empty
 * @param exclude  rows with a cell containing this text are left out (e.g. ratio rows), or null
 * @param ratioTo  a series or category whose bar the others are labelled against ({@code 0.62×}), or null
 */
record ChartSpec(Path in, Path out, String title, String note, String category, String series,
                 List<String> values, List<String> tables, String exclude, String ratioTo, String axis,
                 boolean horizontal, int width, int height) {

    static final String[] OPTIONS = {"in", "out", "title", "note", "category", "series", "values", "tables",
            "exclude", "ratio-to", "axis", "horizontal", "width", "height"};

    static ChartSpec parse(String[] argv) {
        Args args = new Args(argv, OPTIONS);
        List<String> values = split(args.required("values"));
        return new ChartSpec(args.path("in"), args.path("out"), args.required("title"), args.string("note", null),
                args.required("category"), args.string("series", null), values, split(args.string("tables", "")),
                args.string("exclude", null), args.string("ratio-to", null), args.string("axis", values.get(0)),
                Boolean.parseBoolean(args.string("horizontal", "false")), args.integer("width", 640),
                args.integer("height", 360));
    }

    List<String> columns() {
        List<String> columns = new java.util.ArrayList<>(values);
        columns.add(category);
        if (series != null) {
            columns.add(series);
        }
        return columns;
    }

    private static List<String> split(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(";")).map(String::trim).toList();
    }
}
