package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.testing.SchemaValidation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The distribution's JSON Schema of handlers.yaml: {@code switchboard schema} prints the file the
 * build put beside {@code conf/handlers.yaml}, which names it; every example configuration of the
 * repository fits it (checked by networknt's validator); broken ones do not.
 */
class SchemaIT {

    private static final Path SCHEMA_FILE = DistributionIT.DIST.resolve("conf/handlers.schema.json");
    private static final Pattern YAML_BLOCK = Pattern.compile("```ya?ml\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path work;

    @Test
    void theDefaultConfigNamesTheSchemaThatSchemaPrints() throws Exception {
        Launcher.Result run = Launcher.run(work, Map.of(), List.of(DistributionIT.LAUNCHER.toString(), "schema"));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(run.stdout())).isEqualTo(json.readTree(SCHEMA_FILE.toFile()));
        assertThat(Files.readAllLines(DistributionIT.DIST.resolve("conf/handlers.yaml")).get(0))
                .isEqualTo("# yaml-language-server: $schema=handlers.schema.json");
    }

    @Test
    void everyExampleConfigurationOfTheRepositoryFitsTheSchema() throws Exception {
        SchemaValidation schema = SchemaValidation.of(Files.readString(SCHEMA_FILE));
        Set<String> installed = installedTypes();
        Map<String, String> examples = examples();
        List<String> checked = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        examples.forEach((where, yaml) -> {
            if (!installed.containsAll(handlerTypes(yaml))) {
                skipped.add(where);
                return;
            }
            assertThat(schema.errors(yaml)).as(where + ":\n" + yaml).isEmpty();
            checked.add(where);
        });

        // Only the third-party example's type: file and docs/plugins.md's archetype-made acme-notify are not bundled.
        assertThat(skipped).containsExactly("examples/third-party-handler/README.md#1", "docs/plugins.md#1");
        assertThat(checked).hasSizeGreaterThanOrEqualTo(12).contains("conf/handlers.yaml",
                "core/src/test/resources/config/design-example.yaml");
    }

    @Test
    void brokenConfigurationsFailTheSchema() throws Exception {
        SchemaValidation schema = SchemaValidation.of(Files.readString(SCHEMA_FILE));
        for (String broken : List.of(
                "handlers: [{name: a, type: slack, events: [x], config: {webhook_url: u, chanel: x}}]",
                "handlers: [{name: a, type: webhook, events: [x], config: {url: u, bogus: 1}}]",
                "handlers: [{name: a, type: webhook, events: [x]}]",
                "handlers: [{name: a, type: datadog, events: [x], config: {port: eighty}}]",
                "handlers: [{name: a, type: sentry, events: [x], config: {dsn: d, send_timeout: soon}}]",
                "handlers: [{name: a, type: console, events: [x], filters: [{type: secure, config: {deny_key: [p]}}]}]",
                "handlers: [{name: a, type: nosuch, events: [x]}]",
                "handlers: [{name: a, type: console}]",
                "server: {port: eighty}",
                "store: {type: postgres}")) {
            assertThat(schema.errors("version: 1\n" + broken)).as(broken).isNotEmpty();
        }
    }

    private static Set<String> installedTypes() throws IOException {
        JsonNode types = new ObjectMapper().readTree(SCHEMA_FILE.toFile()).at("/properties/handlers/items/properties/type/enum");
        Set<String> installed = new HashSet<>();
        types.forEach(type -> installed.add(type.asText()));
        return installed;
    }

    /** @return each example file, and each YAML block of the Markdown files (a handler list as a whole file) */
    private static Map<String, String> examples() throws IOException {
        Path repo = DistributionIT.REPO;
        Map<String, String> examples = new LinkedHashMap<>();
        examples.put("conf/handlers.yaml", Files.readString(DistributionIT.DIST.resolve("conf/handlers.yaml")));
        examples.put("core/src/test/resources/config/design-example.yaml",
                Files.readString(repo.resolve("core/src/test/resources/config/design-example.yaml")));
        List<Path> docs = new ArrayList<>(List.of(repo.resolve("README.md")));
        for (String folder : List.of("plugins", "examples", "docs")) {
            if (Files.isDirectory(repo.resolve(folder))) {
                try (Stream<Path> files = Files.walk(repo.resolve(folder), 2)) {
                    files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().forEach(docs::add);
                }
            }
        }
        for (Path doc : docs) {
            Matcher block = YAML_BLOCK.matcher(Files.readString(doc));
            for (int n = 1; block.find(); n++) {
                String yaml = block.group(1);
                Object parsed = load(yaml);
                examples.put(repo.relativize(doc) + "#" + n, parsed instanceof List ? "version: 1\nhandlers:\n"
                        + yaml.indent(2) : yaml);
            }
        }
        return examples;
    }

    private static List<String> handlerTypes(String yaml) {
        List<String> types = new ArrayList<>();
        if (load(yaml) instanceof Map<?, ?> file && file.get("handlers") instanceof List<?> handlers) {
            handlers.forEach(h -> types.add(String.valueOf(((Map<?, ?>) h).get("type"))));
        }
        return types;
    }

    private static Object load(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }
}
