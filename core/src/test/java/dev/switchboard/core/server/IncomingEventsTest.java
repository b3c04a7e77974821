package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncomingEventsTest {

    @Test
    void asciiIsToldFromAnyByteWithItsHighBitSetWhereverItStands() {
        byte[] ascii = "{\"event_type\": \"step_complete\", \"data\": {\"k\": 1}}".getBytes(StandardCharsets.US_ASCII);
        assertThat(IncomingEvents.isAscii(ascii)).isTrue();
        assertThat(IncomingEvents.isAscii(new byte[0])).isTrue();
        for (int at = 0; at < ascii.length; at++) {
            byte[] changed = ascii.clone();
            changed[at] = (byte) 0x80;
            assertThat(IncomingEvents.isAscii(changed)).as("high bit at %d", at).isFalse();
            changed[at] = (byte) 0xFF;
            assertThat(IncomingEvents.isAscii(changed)).as("0xFF at %d", at).isFalse();
        }
    }

    @Test
    void theAnswerListsTheIdsAsJsonWhateverTheyAre() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode plain = json.readTree(EventsEndpoint.answer(List.of("0193a8f2-7c4e-7000-8000-000000000001", "b")));
        assertThat(plain.get("accepted").asInt()).isEqualTo(2);
        assertThat(plain.get("ids").get(0).asText()).isEqualTo("0193a8f2-7c4e-7000-8000-000000000001");
        JsonNode odd = json.readTree(EventsEndpoint.answer(List.of("a\"b", "ü")));
        assertThat(odd.get("ids").get(0).asText()).isEqualTo("a\"b");
        assertThat(odd.get("ids").get(1).asText()).isEqualTo("ü");
        assertThat(json.readTree(EventsEndpoint.answer(List.of())).get("ids")).isEmpty();
    }
}
