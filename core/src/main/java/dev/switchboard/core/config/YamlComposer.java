package dev.switchboard.core.config;

import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes YAML text into SnakeYAML's node tree, and only that: no object is ever constructed
 * from a tag. Every SnakeYAML failure becomes one {@code FILE:LINE:COLUMN: message} line.
 */
final class YamlComposer {

    /**
     * A handlers.yaml is a few kilobytes; this only stops a runaway or hostile file. Not more:
     * SnakeYAML's reader copies its window for each kilobyte of a token, so what one long scalar
     * allocates grows with its square (measured: 75 MB at 200 K characters, 1.9 GB at 1 M).
     */
    static final int MAX_CODE_POINTS = 256 * 1024;
    /**
     * YAML values (scalars, aliases, maps, lists) in the file. A handler takes 20 to 40, so this
     * allows a thousand handlers while keeping what SnakeYAML builds to a few megabytes.
     */
    static final int MAX_NODES = 50_000;
    /** Aliases of maps and lists; few are legitimate, and each can multiply the document. */
    static final int MAX_ALIASES = 20;
    static final int MAX_DEPTH = 32;
    private static final String TOO_MANY_NODES = "Number of nodes";
    /** How SnakeYAML's own tag check words its refusal; reworded to match ours. */
    private static final String GLOBAL_TAG = "Global tag is not allowed: ";

    private YamlComposer() {
    }

    /** @return the document's root node, or null when the text holds no document */
    static Node compose(String source, String text) throws ConfigProblem {
        checkSize(source, text);
        LoaderOptions options = options();
        TrackingParser parser = new TrackingParser(
                new ParserImpl(new StreamReader(new StringReader(text)), options));
        try {
            return new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw ConfigProblem.at(position(source, mark), describe(e));
        } catch (YAMLException e) {
            // Limits (aliases, depth, size) carry no mark: blame where parsing had got to.
            throw ConfigProblem.at(position(source, parser.lastMark), limitMessage(oneLine(e.getMessage())));
        }
    }

    /** Refuses an oversized file before SnakeYAML spends seconds scanning it. */
    private static void checkSize(String source, String text) throws ConfigProblem {
        if (text.length() <= MAX_CODE_POINTS || text.codePointCount(0, text.length()) <= MAX_CODE_POINTS) {
            return;
        }
        int over = text.offsetByCodePoints(0, MAX_CODE_POINTS);
        int lineStart = text.lastIndexOf('\n', over - 1) + 1;
        int line = (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count() + 1;
        int column = text.codePointCount(lineStart, over) + 1;
        throw ConfigProblem.at(new Position(source, line, column), tooLarge());
    }

    private static String tooLarge() {
        return "the file is too large (at most " + MAX_CODE_POINTS + " characters)";
    }

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        // SnakeYAML checks this only when constructing objects; TreeBuilder checks the composed tree.
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        // SnakeYAML's own merge loops forever on a map that merges itself; TreeBuilder merges.
        options.setMergeOnCompose(false);
        return options;
    }

    static Position position(String source, Mark mark) {
        return mark == null ? new Position(source, 1, 1)
                : new Position(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem();
        String context = e.getContext();
        if (problem != null && problem.startsWith(GLOBAL_TAG)) {
            return TreeBuilder.tagNotAllowed(problem.substring(GLOBAL_TAG.length()));
        }
        if (problem == null) {
            return oneLine(context);
        }
        if (context == null) {
            return oneLine(problem);
        }
        Mark at = e.getContextMark();
        String where = at == null ? "" : " at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1);
        return oneLine(problem + " (" + context + where + ")");
    }

    /** SnakeYAML words its limits for programmers; say what the author can change. */
    private static String limitMessage(String message) {
        if (message.startsWith("Number of aliases")) {
            return "too many aliases of maps and lists (at most " + MAX_ALIASES + ")";
        } else if (message.startsWith("Nesting Depth")) {
            return "nested too deeply (at most " + MAX_DEPTH + " levels)";
        } else if (message.contains("exceeds the limit")) {
            return tooLarge();
        } else if (message.startsWith(TOO_MANY_NODES)) {
            return "too many values (at most " + MAX_NODES + "); a handlers.yaml needs a few hundred";
        }
        return message;
    }

    private static String oneLine(String message) {
        return message == null ? "unreadable YAML" : message.strip().replaceAll("\\s+", " ");
    }

    /**
     * Remembers where the last event started, to place errors that SnakeYAML leaves unmarked, and
     * counts the values, which SnakeYAML does not bound.
     */
    private static final class TrackingParser implements Parser {

        private final Parser delegate;
        private Mark lastMark;
        private int nodes;

        TrackingParser(Parser delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean checkEvent(Event.ID choice) {
            return delegate.checkEvent(choice);
        }

        @Override
        public Event peekEvent() {
            return delegate.peekEvent();
        }

        @Override
        public Event getEvent() {
            Event event = delegate.getEvent();
            if (event != null) {
                lastMark = event.getStartMark();
                if (isNode(event) && ++nodes > MAX_NODES) {
                    throw new YAMLException(TOO_MANY_NODES + " exceeds " + MAX_NODES);
                }
            }
            return event;
        }

        private static boolean isNode(Event event) {
            return event.is(Event.ID.Scalar) || event.is(Event.ID.Alias) || event.is(Event.ID.MappingStart)
                    || event.is(Event.ID.SequenceStart);
        }
    }
}
