package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LineIdsTest {

    private static final String FILE = "(dev=fe00,ino=42)/0123456789abcdef";
    private static final byte[] LINE = "{\"event_type\": \"a\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameLineOfTheSameFileAtTheSameOffsetHasTheSameIdEveryTime() {
        String first = new LineIds(FILE).of(100, LINE);

        assertThat(new LineIds(FILE).of(100, LINE.clone())).isEqualTo(first);
        LineIds reused = new LineIds(FILE);
        reused.of(7, "other".getBytes(StandardCharsets.UTF_8));
        assertThat(reused.of(100, LINE)).isEqualTo(first);
    }

    @Test
    void anotherFileAnotherOffsetOrOtherContentGiveAnotherId() {
        String id = new LineIds(FILE).of(100, LINE);

        assertThat(new LineIds("(dev=fe00,ino=43)/0123456789abcdef").of(100, LINE)).isNotEqualTo(id);
        assertThat(new LineIds(FILE).of(101, LINE)).isNotEqualTo(id);
        assertThat(new LineIds(FILE).of(100, "{\"event_type\": \"b\"}".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(id);
    }

    @Test
    void theIdOfALineNeverChangesFromOneVersionToTheNextOrARerunAfterAnUpgradeWouldSendANewOne() {
        // From Python: uuid.UUID(bytes=sha1(identity + offset as 8 bytes big-endian + line).digest()[:16], version=5)
        assertThat(new LineIds(FILE).of(1_234_567_890_123L, LINE)).isEqualTo("10fc0fbb-0bf2-5252-9bee-fa65bf6f0327");
    }

    @Test
    void anIdIsANameBasedUuidOfVersionFive() {
        UUID id = UUID.fromString(new LineIds(FILE).of(0, LINE));

        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }
}
