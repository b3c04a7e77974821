package dev.switchboard.core.config;

import java.util.List;

/**
 * One or more mistakes in a configuration. Each line reads {@code FILE:LINE:COLUMN: message}
 * and never holds a secret's value.
 */
public final class ConfigProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> lines;

    public ConfigProblem(List<String> lines) {
        super(String.join("\n", lines));
        this.lines = List.copyOf(lines);
    }

    public static ConfigProblem at(Position position, String message) {
        return new ConfigProblem(List.of(position + ": " + message));
    }

    public List<String> lines() {
        return lines;
    }
}
