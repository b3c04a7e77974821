package dev.switchboard.core.config;

/** A place in a configuration file, printed as {@code FILE:LINE:COLUMN} (1-based). */
record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
