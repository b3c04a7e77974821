package dev.switchboard.core.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The naming rules that {@code promtool check metrics} applies to the Prometheus text format
 * (client_golang's promlint: help text, base units, {@code _total} on counters only, the suffixes
 * and labels histograms and summaries reserve, no type in the name, no colon, no camelCase, no
 * abbreviated units), written from its documentation for this suite; plus the format itself: every
 * sample parses and belongs to a declared family.
 */
final class PromLint {

    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+-?\\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\",?");
    private static final Pattern CAMEL_CASE = Pattern.compile("[a-z][A-Z]");
    private static final Map<String, String> UNITS = Map.ofEntries(
            Map.entry("amperes", "amperes"), Map.entry("bytes", "bytes"), Map.entry("celsius", "celsius"),
            Map.entry("grams", "grams"), Map.entry("joules", "joules"), Map.entry("kelvin", "kelvin"),
            Map.entry("meters", "meters"), Map.entry("metres", "metres"), Map.entry("seconds", "seconds"),
            Map.entry("volts", "volts"), Map.entry("minutes", "seconds"), Map.entry("hours", "seconds"),
            Map.entry("days", "seconds"), Map.entry("weeks", "seconds"), Map.entry("kelvins", "kelvin"),
            Map.entry("fahrenheit", "celsius"), Map.entry("rankine", "celsius"), Map.entry("inches", "meters"),
            Map.entry("yards", "meters"), Map.entry("miles", "meters"), Map.entry("bits", "bytes"),
            Map.entry("calories", "joules"), Map.entry("pounds", "grams"), Map.entry("ounces", "grams"));
    private static final List<String> PREFIXES = List.of("pico", "nano", "micro", "milli", "centi", "deci", "deca",
            "hecto", "kilo", "kibi", "mega", "mibi", "giga", "gibi", "tera", "tebi", "peta", "pebi");
    private static final List<String> ABBREVIATIONS = List.of("s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb",
            "tb", "pb", "m", "h", "d");
    private static final List<String> TYPES = List.of("counter", "gauge", "histogram", "summary", "gauge_histogram");

    /** One family: its declared type, whether it has help, and the label names of its samples. */
    private static final class Family {
        String type = "untyped";
        boolean help;
        final Set<String> labels = new LinkedHashSet<>();
    }

    private PromLint() {
    }

    /** @return one line per problem, {@code name: problem}; empty when the text passes */
    static List<String> check(String exposition) {
        List<String> problems = new ArrayList<>();
        Map<String, Family> families = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ", 4);
                Family family = families.computeIfAbsent(parts[2], name -> new Family());
                if (parts[1].equals("HELP")) {
                    family.help = true;
                } else {
                    family.type = parts.length > 3 ? parts[3].trim() : "untyped";
                }
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            sample(line, families, problems);
        }
        families.forEach((name, family) -> problems.addAll(lint(name, family)));
        return problems;
    }

    private static void sample(String line, Map<String, Family> families, List<String> problems) {
        Matcher sample = SAMPLE.matcher(line);
        if (!sample.matches() || !isNumber(sample.group(3))) {
            problems.add("not a sample line: " + line);
            return;
        }
        Family family = familyOf(sample.group(1), families);
        if (family == null) {
            problems.add(sample.group(1) + ": sample of no declared family");
            return;
        }
        if (sample.group(2) != null) {
            Matcher label = LABEL.matcher(sample.group(2));
            int at = 0;
            while (label.find() && label.start() == at) {
                family.labels.add(label.group(1));
                at = label.end();
            }
            if (at != sample.group(2).length()) {
                problems.add(sample.group(1) + ": malformed labels {" + sample.group(2) + "}");
            }
        }
    }

    private static Family familyOf(String sampleName, Map<String, Family> families) {
        if (families.containsKey(sampleName)) {
            return families.get(sampleName);
        }
        for (String suffix : List.of("_bucket", "_count", "_sum", "_created", "_total")) {
            if (sampleName.endsWith(suffix)) {
                Family family = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (family != null) {
                    return family;
                }
            }
        }
        return null;
    }

    private static boolean isNumber(String value) {
        if (value.equals("NaN") || value.equals("+Inf") || value.equals("-Inf")) {
            return true;
        }
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> lint(String name, Family family) {
        List<String> problems = new ArrayList<>();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean counter = family.type.equals("counter");
        boolean histogram = family.type.equals("histogram");
        boolean summary = family.type.equals("summary");
        boolean untyped = family.type.equals("untyped");
        if (!family.help) {
            problems.add(name + ": no help text");
        }
        String unit = unitOf(name);
        if (unit != null && !UNITS.get(strip(unit)).equals(unit)) {
            problems.add(name + ": use base unit \"" + UNITS.get(strip(unit)) + "\" instead of \"" + unit + "\"");
        }
        if (counter && !name.endsWith("_total")) {
            problems.add(name + ": counter metrics should have \"_total\" suffix");
        } else if (!untyped && !counter && name.endsWith("_total")) {
            problems.add(name + ": non-counter metrics should not have \"_total\" suffix");
        }
        if (!untyped) {
            if (!histogram && name.endsWith("_bucket")) {
                problems.add(name + ": non-histogram metrics should not have \"_bucket\" suffix");
            }
            for (String reserved : List.of("_count", "_sum")) {
                if (!histogram && !summary && name.endsWith(reserved)) {
                    problems.add(name + ": non-histogram and non-summary metrics should not have \"" + reserved
                            + "\" suffix");
                }
            }
            if (!histogram && family.labels.contains("le")) {
                problems.add(name + ": non-histogram metrics should not have \"le\" label");
            }
            if (!summary && family.labels.contains("quantile")) {
                problems.add(name + ": non-summary metrics should not have \"quantile\" label");
            }
            if (!family.type.equals("gauge") && name.endsWith("_timestamp_seconds")) {
                problems.add(name + ": non-gauge metrics should not have \"_timestamp_seconds\" suffix");
            }
        }
        for (String type : TYPES) {
            if (lower.contains("_" + type + "_") || lower.endsWith("_" + type)) {
                problems.add(name + ": metric name should not include type '" + type + "'");
            }
        }
        if (name.contains(":")) {
            problems.add(name + ": metric names should not contain ':'");
        }
        if (CAMEL_CASE.matcher(name).find()) {
            problems.add(name + ": metric names should be written in 'snake_case' not 'camelCase'");
        }
        if (family.labels.stream().anyMatch(label -> CAMEL_CASE.matcher(label).find())) {
            problems.add(name + ": label names should be written in 'snake_case' not 'camelCase'");
        }
        for (String abbreviation : ABBREVIATIONS) {
            if (lower.contains("_" + abbreviation + "_") || lower.endsWith("_" + abbreviation)) {
                problems.add(name + ": metric names should not contain abbreviated units");
            }
        }
        return problems;
    }

    /** @return the first part of the name that is a known unit, with or without a prefix; null if none */
    private static String unitOf(String name) {
        for (String part : name.split("_")) {
            if (UNITS.containsKey(strip(part))) {
                return part;
            }
        }
        return null;
    }

    private static String strip(String part) {
        if (UNITS.containsKey(part)) {
            return part;
        }
        for (String prefix : PREFIXES) {
            if (part.startsWith(prefix) && UNITS.containsKey(part.substring(prefix.length()))) {
                return part.substring(prefix.length());
            }
        }
        return part;
    }
}
