package dev.switchboard.benchmarks.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Markdown table of a benchmark's result file: its header and its rows, cells trimmed and
 * without backticks. Columns are named by the start of their header text, ignoring case, so that
 * {@code "events/s"} finds {@code "events/s median (min–max)"}.
 */
record MarkdownTable(List<String> header, List<List<String>> rows) {

    private static final Pattern NUMBER = Pattern.compile("-?\\d[\\d,]*(?:\\.\\d+)?");

    /** Every table in the text, in order: runs of lines starting with {@code |}, the second a separator. */
    static List<MarkdownTable> all(List<String> lines) {
        List<MarkdownTable> tables = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (isRow(lines.get(i)) && i + 1 < lines.size() && lines.get(i + 1).trim().startsWith("|-")) {
                List<String> header = cells(lines.get(i));
                List<List<String>> rows = new ArrayList<>();
                i += 2;
                while (i < lines.size() && isRow(lines.get(i))) {
                    rows.add(cells(lines.get(i++)));
                }
                tables.add(new MarkdownTable(header, rows));
            } else {
                i++;
            }
        }
        return tables;
    }

    /** @return the index of the first column whose header starts with {@code name}, or -1 */
    int column(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (int c = 0; c < header.size(); c++) {
            if (header.get(c).toLowerCase(Locale.ROOT).startsWith(wanted)) {
                return c;
            }
        }
        return -1;
    }

    boolean hasColumns(List<String> names) {
        return names.stream().allMatch(name -> column(name) >= 0);
    }

    /** The first number of a cell ({@code "2.90× (2.80×–3.89×)"} is 2.90, {@code "20,023/s"} 20023), if any. */
    static OptionalDouble number(String cell) {
        Matcher m = NUMBER.matcher(cell);
        return m.find() ? OptionalDouble.of(Double.parseDouble(m.group().replace(",", ""))) : OptionalDouble.empty();
    }

    /** A cell as a chart label: without a trailing parenthesis ({@code "session (1,000 sessions)"} is {@code "session"}). */
    static String label(String cell) {
        return cell.replaceAll("\\s*\\([^()]*\\)\\s*$", "").trim();
    }

    private static boolean isRow(String line) {
        return line.trim().startsWith("|");
    }

    private static List<String> cells(String line) {
        String body = line.trim();
        body = body.substring(1, body.endsWith("|") && body.length() > 1 ? body.length() - 1 : body.length());
        List<String> cells = new ArrayList<>();
        for (String cell : body.split("\\|", -1)) {
            cells.add(cell.replace("`", "").replace("**", "").trim());
        }
        return cells;
    }
}
