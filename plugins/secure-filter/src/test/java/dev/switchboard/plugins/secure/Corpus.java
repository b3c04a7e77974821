package dev.switchboard.plugins.secure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a test corpus: records separated by lines holding only {@code %%}; in a corpus of
 * positives, each record is the input, a line holding only {@code =>}, and the expected output.
 */
final class Corpus {

    private Corpus() {
    }

    static List<String> records(String resource) {
        try (InputStream in = Corpus.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("test resource missing: " + resource);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return List.of(text.strip().split("\n%%\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return {input, expected} of a positive record */
    static String[] pair(String record) {
        String[] parts = record.split("\n=>\n", -1);
        if (parts.length != 2) {
            throw new IllegalStateException("a positive needs one '=>' line: " + record);
        }
        return parts;
    }
}
