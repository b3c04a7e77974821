package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects error lines while a file is checked, so that one run reports every mistake, in the
 * order they stand in the file.
 */
final class Problems {

    private record Line(Position position, String message) {
    }

    private final List<Line> lines = new ArrayList<>();

    void add(Position position, String message) {
        lines.add(new Line(position, message));
    }

    boolean any() {
        return !lines.isEmpty();
    }

    void throwIfAny() throws ConfigProblem {
        if (any()) {
            throw new ConfigProblem(lines.stream()
                    .sorted(Comparator.comparingInt((Line l) -> l.position().line())
                            .thenComparingInt(l -> l.position().column()))
                    .map(l -> l.position() + ": " + l.message())
                    .toList());
        }
    }
}
