package dev.switchboard.core.template;

import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import com.schibsted.spt.data.jslt.Parser;
import dev.switchboard.api.ConfigException;
import dev.switchboard.api.HandlerConfig;
import dev.switchboard.api.PayloadTemplate;
import dev.switchboard.core.config.TemplateSource;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles payload templates, written in Schibsted's JSLT (a JSON query and transformation
 * language), once, when the handler is created.
 */
public final class JsltTemplates {

    private static final Pattern TOKEN = Pattern.compile("Encountered \" (\".*?\"|<\\w+>) \"(.*?) \"\"");
    private static final Pattern EXPECTING = Pattern.compile("Was expecting( one of)?:");
    private static final Pattern PARSER_PLACE = Pattern.compile("\\s*at line (\\d+), column (\\d+)\\.?");

    private JsltTemplates() {
    }

    /**
     * @param config the handler's {@code config:} block
     * @return its compiled template, or null when it has none
     * @throws TemplateSyntaxError if the template does not compile
     * @throws ConfigException if the keys are wrong or the file cannot be read
     */
    public static PayloadTemplate compile(HandlerConfig config) {
        TemplateSource source = TemplateSource.of(config);
        if (source == null) {
            return null;
        }
        Expression expression;
        try {
            expression = new Parser(new StringReader(source.text())).withSource(source.key()).compile();
        } catch (JsltException e) {
            String message = oneLine(e.getMessageWithoutLocation());
            // The parser's own "at line L, column C" names the offending token; JSLT's location the one before it.
            Matcher at = PARSER_PLACE.matcher(message);
            String location = at.find()
                    ? source.locate(Integer.parseInt(at.group(1)), Integer.parseInt(at.group(2)))
                    : source.locate(e.getLine(), e.getColumn());
            throw new TemplateSyntaxError(source.key(), location, "does not compile: " + shorten(message));
        }
        return new JsltPayloadTemplate(expression, source.key());
    }

    /**
     * JavaCC's {@code Encountered " "}" "} ""} becomes {@code Encountered "}"}, and of its list of every
     * token it would have taken the first few are kept: they say enough.
     */
    static String shorten(String message) {
        String plain = PARSER_PLACE.matcher(message).replaceAll("");
        plain = TOKEN.matcher(plain).replaceAll(match -> Matcher.quoteReplacement("Encountered \"" + match.group(2) + "\""));
        Matcher expecting = EXPECTING.matcher(plain);
        if (!expecting.find()) {
            return plain;
        }
        String[] options = plain.substring(expecting.end()).split("\\s*\\.\\.\\.\\s*");
        List<String> shown = new ArrayList<>();
        for (String option : options) {
            if (!option.isBlank() && shown.size() < 6) {
                shown.add(option.trim());
            }
        }
        long total = java.util.Arrays.stream(options).filter(o -> !o.isBlank()).count();
        return plain.substring(0, expecting.start()).trim().replaceAll("[.\\s]+$", "") + "; expected "
                + (total == 1 ? "" : "one of ") + String.join(" ", shown) + (total > shown.size() ? " …" : "");
    }

    static String oneLine(String message) {
        if (message == null) {
            return "failed";
        }
        String flat = message.replaceAll("\\s*\\R\\s*", " ").trim();
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }
}
