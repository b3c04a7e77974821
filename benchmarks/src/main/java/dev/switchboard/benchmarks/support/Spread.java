package dev.switchboard.benchmarks.support;

import java.util.Arrays;
import java.util.List;

/** Median, minimum and maximum of a few repeated measurements. */
public record Spread(double median, double min, double max, int runs) {

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            return new Spread(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** @return e.g. {@code 31,250 (30,900–32,010)} with the given format of one value */
    public String format(String valueFormat) {
        return String.format(valueFormat, median) + " (" + String.format(valueFormat, min) + "–"
                + String.format(valueFormat, max) + ")";
    }
}
