package dev.switchboard.core.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a {@code handlers.yaml} into a {@link RuntimeConfig}.
 *
 * <p>Loading is safe: the YAML is only composed into a tree (no object is ever built from a
 * tag, and tags other than the standard ones are rejected); the file's size, its number of
 * values, aliases of maps and lists, nesting, and its text counted through every alias are
 * bounded, and a recursive merge key is an error. {@code ${VAR}} and {@code ${VAR:-default}} are substituted from the given environment
 * in every scalar value before it is typed; {@code $${} writes a literal {@code ${}.
 *
 * <p>Every mistake is one line {@code FILE:LINE:COLUMN: message}, and all mistakes of a file are
 * reported together in one {@link ConfigProblem}. No message ever holds a value that came from
 * the environment or from a {@code config:} block.
 *
 * <pre>{@code
 * RuntimeConfig config = HandlersConfigLoader.load(Path.of("conf/handlers.yaml"), System.getenv());
 * }</pre>
 */
public final class HandlersConfigLoader {

    /** Running with no handler at all is never what was meant: say what a file needs. */
    static final String EMPTY = "the file holds no configuration (only comments or nothing);"
            + " a minimal handlers.yaml is: handlers: [{name: console, type: console, events: [\"*\"]}]";

    private HandlersConfigLoader() {
    }

    /**
     * @param file the file; its name, as given, starts every error line
     * @param env what {@code ${VAR}} reads
     * @throws ConfigProblem if the file cannot be read or is wrong
     */
    public static RuntimeConfig load(Path file, Map<String, String> env) throws ConfigProblem {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigProblem(List.of(file + ": cannot read: " + reason(e)));
        }
        return parse(file.toString(), text, env);
    }

    /**
     * @param sourceName the name that starts every error line, e.g. {@code handlers.yaml}
     * @param yamlText the file's content
     * @param env what {@code ${VAR}} reads
     * @throws ConfigProblem if the text is wrong
     */
    public static RuntimeConfig parse(String sourceName, String yamlText, Map<String, String> env)
            throws ConfigProblem {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(env, "env");
        String text = yamlText.startsWith("\uFEFF") ? yamlText.substring(1) : yamlText;
        Node root = YamlComposer.compose(sourceName, text);
        if (root == null || root instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
            throw ConfigProblem.at(new Position(sourceName, 1, 1), EMPTY);
        }
        Problems problems = new Problems();
        YamlNode tree;
        try {
            tree = new TreeBuilder(sourceName, env, problems).build(root);
        } catch (TreeBuilder.TooLarge e) {
            throw ConfigProblem.at(e.position, e.message());
        }
        // A tree with unresolved variables would only add follow-up errors: stop here.
        problems.throwIfAny();
        RuntimeConfig config = new ConfigReader(sourceName, problems).read(tree);
        problems.throwIfAny();
        return config;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        } else if (e instanceof AccessDeniedException) {
            return "permission denied";
        } else if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
