package dev.switchboard.benchmarks.charts;

import java.util.List;
import java.util.OptionalDouble;
import org.jfree.data.category.DefaultCategoryDataset;

/** The bars of a chart, read from the Markdown tables of a result file as a {@link ChartSpec} says. */
final class TableDataset {

    private TableDataset() {
    }

    static DefaultCategoryDataset from(List<MarkdownTable> all, ChartSpec spec) {
        List<MarkdownTable> tables = all.stream().filter(t -> t.hasColumns(spec.columns())).toList();
        if (tables.isEmpty()) {
            throw new IllegalArgumentException(spec.in() + ": no table with the columns " + spec.columns());
        }
        if (!spec.tables().isEmpty() && tables.size() != spec.tables().size()) {
            throw new IllegalArgumentException(spec.in() + ": " + tables.size() + " tables with the columns "
                    + spec.columns() + ", but --tables names " + spec.tables().size());
        }
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        int last = spec.tables().isEmpty() ? 1 : tables.size();
        for (int t = 0; t < last; t++) {
            MarkdownTable table = tables.get(t);
            int category = table.column(spec.category());
            int series = spec.series() == null ? -1 : table.column(spec.series());
            for (List<String> row : table.rows()) {
                if (row.size() < table.header().size()
                        || (spec.exclude() != null && row.stream().anyMatch(cell -> cell.contains(spec.exclude())))) {
                    continue;
                }
                for (String value : spec.values()) {
                    int column = table.column(value);
                    OptionalDouble number = MarkdownTable.number(row.get(column));
                    if (number.isEmpty()) {
                        continue;
                    }
                    String seriesKey = !spec.tables().isEmpty() ? spec.tables().get(t)
                            : series >= 0 ? MarkdownTable.label(row.get(series))
                            : MarkdownTable.label(table.header().get(column));
                    dataset.addValue(number.getAsDouble(), seriesKey, MarkdownTable.label(row.get(category)));
                }
            }
        }
        if (dataset.getRowCount() == 0) {
            throw new IllegalArgumentException(spec.in() + ": no numbers in the columns " + spec.values());
        }
        return dataset;
    }
}
