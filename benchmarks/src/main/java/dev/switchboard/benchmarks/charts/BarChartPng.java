package dev.switchboard.benchmarks.charts;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.labels.CategoryItemLabelGenerator;
import org.jfree.chart.labels.ItemLabelAnchor;
import org.jfree.chart.labels.ItemLabelPosition;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.CategoryDataset;

/** Draws grouped bars, each labelled with its value (and its ratio to the spec's base), as a PNG. */
final class BarChartPng {

    private static final Color[] PALETTE = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0xC44E52), new Color(0x8172B3), new Color(0x937860)};

    private BarChartPng() {
    }

    static void write(CategoryDataset dataset, ChartSpec spec) throws IOException {
        JFreeChart chart = ChartFactory.createBarChart(spec.title(), null, spec.axis(), dataset,
                spec.horizontal() ? PlotOrientation.HORIZONTAL : PlotOrientation.VERTICAL, dataset.getRowCount() > 1,
                false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        if (spec.note() != null) {
            chart.addSubtitle(new TextTitle(spec.note(), small));
        }
        if (spec.ratioTo() != null) {
            // the result tables give the median of per-round ratios; this is the ratio of the bars (of medians)
            String base = dataset.getRowIndex(spec.ratioTo()) >= 0 ? "the " + spec.ratioTo() + " bar of its group"
                    : "the " + spec.ratioTo() + " bar" + (dataset.getRowCount() > 1 ? " of its series" : "");
            chart.addSubtitle(new TextTitle("(n×): the bar ÷ " + base + " (a ratio of the figures drawn)", small));
        }
        CategoryPlot plot = chart.getCategoryPlot();
        plot.getRangeAxis().setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setUpperMargin(0.15);
        if (!spec.horizontal() && dataset.getColumnCount() > 4) {
            plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setItemMargin(0.05);
        for (int s = 0; s < dataset.getRowCount(); s++) {
            renderer.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
        }
        renderer.setDefaultItemLabelGenerator(labels(spec.ratioTo()));
        renderer.setDefaultItemLabelsVisible(true);
        renderer.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        renderer.setDefaultPositiveItemLabelPosition(spec.horizontal()
                ? new ItemLabelPosition(ItemLabelAnchor.OUTSIDE3, TextAnchor.CENTER_LEFT)
                : new ItemLabelPosition(ItemLabelAnchor.OUTSIDE12, TextAnchor.BOTTOM_CENTER));
        Files.createDirectories(spec.out().toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(spec.out().toFile(), chart, spec.width(), spec.height());
    }

    /** Each bar's value; with a base, also the bar's ratio to the base's bar of the same group (or series). */
    private static CategoryItemLabelGenerator labels(String base) {
        DecimalFormat number = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return new CategoryItemLabelGenerator() {
            @Override
            public String generateLabel(CategoryDataset data, int row, int column) {
                Number value = data.getValue(row, column);
                if (value == null) {
                    return null;
                }
                String label = number.format(value);
                Number against = base == null ? null
                        : data.getRowIndex(base) >= 0 ? data.getValue(data.getRowIndex(base), column)
                        : data.getColumnIndex(base) >= 0 ? data.getValue(row, data.getColumnIndex(base)) : null;
                boolean isBase = base != null && (base.equals(data.getRowKey(row)) || base.equals(data.getColumnKey(column)));
                if (against != null && !isBase && against.doubleValue() != 0) {
                    label += String.format(Locale.ROOT, " (%.2f×)", value.doubleValue() / against.doubleValue());
                }
                return label;
            }

            @Override
            public String generateRowLabel(CategoryDataset data, int row) {
                return data.getRowKey(row).toString();
            }

            @Override
            public String generateColumnLabel(CategoryDataset data, int column) {
                return data.getColumnKey(column).toString();
            }
        };
    }
}
