package dev.switchboard.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks YAML documents against a JSON Schema (draft 2020-12) with networknt's
 * json-schema-validator, an implementation independent of the code that wrote the schema. YAML is
 * read as the runtime reads it (SnakeYAML, YAML 1.1: {@code yes} is true).
 */
public final class SchemaValidation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Schema schema;

    private SchemaValidation(Schema schema) {
        this.schema = schema;
    }

    /** @param schemaJson the schema's text @return a validator for it */
    public static SchemaValidation of(String schemaJson) throws Exception {
        return of(JSON.readTree(schemaJson));
    }

    /** @param schema the schema @return a validator for it */
    public static SchemaValidation of(JsonNode schema) {
        return new SchemaValidation(SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schema.toString()));
    }

    /** @param yaml one YAML document @return each violation, {@code PATH: message}; empty when it fits */
    public List<String> errors(String yaml) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return schema.validate(JSON.valueToTree(document)).stream().map(Error::toString).toList();
    }
}
