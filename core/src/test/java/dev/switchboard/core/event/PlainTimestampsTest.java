package dev.switchboard.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlainTimestampsTest {

    /** The formatter's verdict: what WorkflowEvent.instant() (and EventJson) accept. */
    private static boolean formatterAccepts(String text) {
        try {
            WorkflowEvent.builder("x").timestamp(text).build().instant();
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    @Test
    void acceptsTheSeedsTimestampsAndTheirUtcForm() {
        for (String text : List.of("2025-11-12T10:30:45.123456", "2025-11-12T10:30:45", "2025-11-12T10:30:45Z",
                "2024-02-29T23:59:59.999999999Z", "2000-02-29T00:00:00.1", "0001-01-01T00:00:00")) {
            assertThat(PlainTimestamps.plainlyValid(text)).as(text).isTrue();
            assertThat(formatterAccepts(text)).as(text).isTrue();
        }
    }

    @Test
    void rejectsImpossibleDatesAndTimesWhichTheFormatterRejectsToo() {
        for (String text : List.of("2025-02-29T10:30:45", "1900-02-29T10:30:45", "2025-04-31T10:30:45",
                "2025-13-01T10:30:45", "2025-00-10T10:30:45", "2025-11-00T10:30:45", "2025-11-12T24:00:00",
                "2025-11-12T10:60:45", "2025-11-12T10:30:60", "2025-11-12T10:30:45.1234567890",
                "2025-11-12 10:30:45", "2025-11-12T10:30:4x", "2025-1-12T10:30:45")) {
            assertThat(PlainTimestamps.plainlyValid(text)).as(text).isFalse();
            assertThat(formatterAccepts(text)).as(text).isFalse();
        }
    }

    @Test
    void leavesOtherValidFormsToTheFormatter() {
        for (String text : List.of("2025-11-12t10:30:45", "2025-11-12T10:30", "2025-11-12T10:30:45+02:00",
                "2025-11-12T10:30:45.5-05:30", "+12025-11-12T10:30:45", "2025-11-12T10:30:45z")) {
            assertThat(PlainTimestamps.plainlyValid(text)).as(text).isFalse();
            assertThat(formatterAccepts(text)).as(text).isTrue();
        }
    }

    /** Never accepts what the formatter rejects, over 200,000 near-timestamps (fixed seed). */
    @Test
    void acceptsNothingTheFormatterRejects() {
        Random random = new Random(20261128L);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = mutate(random, timestamp(random));
            if (PlainTimestamps.plainlyValid(text)) {
                accepted++;
                assertThat(formatterAccepts(text)).as(text).isTrue();
            }
        }
        assertThat(accepted).as("the fast path is taken for most well-formed ones").isGreaterThan(50_000);
    }

    private static String timestamp(Random random) {
        StringBuilder text = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d",
                random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(25),
                random.nextInt(61), random.nextInt(61)));
        int fraction = random.nextInt(12) - 1;
        if (fraction >= 0) {
            text.append('.');
            for (int i = 0; i < fraction; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextInt(4) == 0) {
            text.append('Z');
        }
        return text.toString();
    }

    /** Half of them unchanged; the others with one character replaced, removed or added. */
    private static String mutate(Random random, String text) {
        if (random.nextBoolean()) {
            return text;
        }
        List<Character> chars = new ArrayList<>();
        for (char c : text.toCharArray()) {
            chars.add(c);
        }
        String alphabet = "0123456789-:T.Zt+ x";
        int at = random.nextInt(chars.size());
        char other = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
            case 0 -> chars.set(at, other);
            case 1 -> chars.remove(at);
            default -> chars.add(at, other);
        }
        StringBuilder mutated = new StringBuilder();
        chars.forEach(mutated::append);
        return mutated.toString();
    }
}
