package dev.switchboard.core.config;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The text of a handler's payload template, from {@code config.template} (inline) or
 * {@code config.template_file} (relative to the folder of {@code handlers.yaml}), and where each of
 * its lines stands, so that a syntax error at the template's line 2, column 5 is reported at the
 * very place in {@code handlers.yaml} or in the template file.
 */
public final class TemplateSource {

    public static final String INLINE_KEY = "template";
    public static final String FILE_KEY = "template_file";

    private final String text;
    private final String key;
    private final String file;
    /** Where the template's line 1 column 1 stands in {@link #file}. */
    private final int firstLine;
    private final int firstColumn;
    /** Column in {@link #file} of column 1 of the template's later lines. */
    private final int laterColumn;

    private TemplateSource(String text, String key, String file, int firstLine, int firstColumn, int laterColumn) {
        this.text = text;
        this.key = key;
        this.file = file;
        this.firstLine = firstLine;
        this.firstColumn = firstColumn;
        this.laterColumn = laterColumn;
    }

    /**
     * @return the template of this {@code config:} block, or null when it has neither key
     * @throws ConfigException if both keys are given, a value is empty, or the file cannot be read
     */
    public static TemplateSource of(HandlerConfig config) {
        boolean inline = config.has(INLINE_KEY);
        boolean fromFile = config.has(FILE_KEY);
        if (inline && fromFile) {
            throw new ConfigException(FILE_KEY, "give " + INLINE_KEY + " or " + FILE_KEY + ", not both");
        }
        if (inline) {
            return inline(config);
        }
        return fromFile ? fromFile(config) : null;
    }

    /** @return the template's text */
    public String text() {
        return text;
    }

    /** @return the config key the template came from, {@code template} or {@code template_file} */
    public String key() {
        return key;
    }

    /**
     * @param line a line of the template, 1-based
     * @param column a column of that line, 1-based
     * @return {@code FILE:LINE:COLUMN} of that place in the file that holds the template
     */
    public String locate(int line, int column) {
        if (line <= 1) {
            return file + ":" + firstLine + ":" + (firstColumn + Math.max(column, 1) - 1);
        }
        return file + ":" + (firstLine + line - 1) + ":" + (laterColumn + Math.max(column, 1) - 1);
    }

    private static TemplateSource inline(HandlerConfig config) {
        String text = config.string(INLINE_KEY);
        if (text.isBlank()) {
            throw new ConfigException(INLINE_KEY, "must not be empty");
        }
        if (!(config instanceof YamlConfigBlock yaml)
                || !(yaml.node(INLINE_KEY) instanceof YamlNode.Scalar scalar)) {
            return new TemplateSource(text, INLINE_KEY, "template", 1, 1, 1);
        }
        Position at = scalar.position();
        List<String> lines = fileLines(at.file());
        String opening = lineAt(lines, at.line());
        char indicator = at.column() - 1 < opening.length() ? opening.charAt(at.column() - 1) : ' ';
        if (indicator == '|' || indicator == '>') {
            // A block scalar: its text starts on the next line, at the block's indentation.
            int indent = indentation(lines, at.line() + 1);
            return new TemplateSource(text, INLINE_KEY, at.file(), at.line() + 1, indent + 1, indent + 1);
        }
        int quote = indicator == '"' || indicator == '\'' ? 1 : 0;
        int later = indentation(lines, at.line() + 1) + 1;
        return new TemplateSource(text, INLINE_KEY, at.file(), at.line(), at.column() + quote, later);
    }

    private static TemplateSource fromFile(HandlerConfig config) {
        String name = config.string(FILE_KEY);
        Path base = Path.of(".");
        if (config instanceof YamlConfigBlock yaml && yaml.node(FILE_KEY) != null) {
            Path parent = Path.of(yaml.node(FILE_KEY).position().file()).toAbsolutePath().getParent();
            base = parent == null ? base : parent;
        }
        Path path = base.resolve(name).normalize();
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(FILE_KEY, "cannot read " + path + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(FILE_KEY, "cannot read " + path + ": " + e.getMessage());
        }
        if (text.isBlank()) {
            throw new ConfigException(FILE_KEY, path + " is empty");
        }
        return new TemplateSource(text, FILE_KEY, path.toString(), 1, 1, 1);
    }

    private static List<String> fileLines(String file) {
        try {
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException unreadable) {
            // Parsed from a string (tests, embedding): positions fall back to the scalar's own.
            return List.of();
        }
    }

    private static String lineAt(List<String> lines, int line) {
        return line >= 1 && line <= lines.size() ? lines.get(line - 1) : "";
    }

    private static int indentation(List<String> lines, int from) {
        for (int line = from; line <= lines.size(); line++) {
            String text = lineAt(lines, line);
            if (!text.isBlank()) {
                return text.length() - text.stripLeading().length();
            }
        }
        return 0;
    }
}
