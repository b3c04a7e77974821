package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.List;

/** Collects error lines while a file is checked, so that one run reports every mistake. */
final class Problems {

    private final List<String> lines = new ArrayList<>();

    void add(Position position, String message) {
        lines.add(position + ": " + message);
    }

    boolean any() {
        return !lines.isEmpty();
    }

    void throwIfAny() throws ConfigProblem {
        if (any()) {
            throw new ConfigProblem(lines);
        }
    }
}
