package dev.switchboard.core.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard schema} and {@code switchboard plugins --json}: machine-readable, from the installed types. */
class SchemaAndPluginsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void schemaPrintsTheInstalledTypesAndTheirDeclaredKeys() throws Exception {
        CommandRun run = CommandRun.of("schema", "--plugins", Files.createDirectories(temp.resolve("p")).toString());

        assertThat(run.exitCode()).isEqualTo(Main.OK);
        JsonNode schema = JSON.readTree(run.stdout());
        JsonNode handler = schema.at("/properties/handlers/items");
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(handler.at("/properties/type/enum").toString()).contains("\"console\"");
        assertThat(handler.at("/allOf/0/if/properties/type/const").asText()).isEqualTo("console");
        assertThat(handler.at("/allOf/0/then/properties/config/properties/stream/default").asText()).isEqualTo("stdout");
    }

    @Test
    void pluginsJsonListsEachTypeWithItsOriginAndConfigKeys() throws Exception {
        CommandRun run = CommandRun.of("plugins", "--json", "--plugins",
                Files.createDirectories(temp.resolve("p")).toString());

        assertThat(run.exitCode()).isEqualTo(Main.OK);
        JsonNode root = JSON.readTree(run.stdout());
        JsonNode console = null;
        for (JsonNode type : root.get("handler_types")) {
            if (type.get("type").asText().equals("console")) {
                console = type;
            }
        }
        assertThat(console).isNotNull();
        assertThat(console.get("origin").asText()).isEqualTo("built-in");
        assertThat(console.at("/config/0").toString()).isEqualTo("{\"name\":\"stream\",\"type\":\"string\","
                + "\"required\":false,\"secret\":false,\"description\":\"stdout or stderr\",\"default\":\"stdout\"}");
        assertThat(root.get("plugins").isArray()).isTrue();
        assertThat(root.get("failures").isArray()).isTrue();
    }
}
