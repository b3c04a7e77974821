package dev.switchboard.core.config;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;

/** Parses test YAML as if it were a file called handlers.yaml. */
final class Configs {

    static final String SOURCE = "handlers.yaml";

    private Configs() {
    }

    static RuntimeConfig parse(String yaml) throws ConfigProblem {
        return parse(yaml, Map.of());
    }

    static RuntimeConfig parse(String yaml, Map<String, String> env) throws ConfigProblem {
        return HandlersConfigLoader.parse(SOURCE, yaml, env);
    }

    /** @return the error lines; fails when the text loads */
    static List<String> errors(String yaml) {
        return errors(yaml, Map.of());
    }

    static List<String> errors(String yaml, Map<String, String> env) {
        ConfigProblem problem = catchThrowableOfType(ConfigProblem.class, () -> parse(yaml, env));
        if (problem == null) {
            throw new AssertionError("expected a ConfigProblem for:\n" + yaml);
        }
        return problem.lines();
    }
}
