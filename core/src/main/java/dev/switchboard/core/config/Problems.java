package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects error lines while a file is checked, so that one run reports every mistake, in the
 * order they stand in the file; beyond {@link #MAX_LINES} only a count is kept, so that a file
 * with thousands of the same mistake costs no more than one with a hundred.
 */
final class Problems {

    static final int MAX_LINES = 100;

    private record Line(Position position, String message) {
    }

    private final List<Line> lines = new ArrayList<>();
    private Position firstLeftOut;
    private int leftOut;

    void add(Position position, String message) {
        if (lines.size() < MAX_LINES) {
            lines.add(new Line(position, message));
        } else if (leftOut++ == 0) {
            firstLeftOut = position;
        }
    }

    boolean any() {
        return !lines.isEmpty();
    }

    void throwIfAny() throws ConfigProblem {
        if (any()) {
            List<String> sorted = new ArrayList<>(lines.stream()
                    .sorted(Comparator.comparingInt((Line l) -> l.position().line())
                            .thenComparingInt(l -> l.position().column()))
                    .map(l -> l.position() + ": " + l.message())
                    .toList());
            if (leftOut > 0) {
                sorted.add(firstLeftOut + ": and " + leftOut + " more mistakes, not shown (the first "
                        + MAX_LINES + " are)");
            }
            throw new ConfigProblem(sorted);
        }
    }
}
