package dev.switchboard.benchmarks.support;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** {@code --name value} options of the benchmark mains; an unknown option is an error. */
public final class Args {

    private final Map<String, String> values = new HashMap<>();

    public Args(String[] args, String... known) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value, got " + name);
            }
            if (!java.util.List.of(known).contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown option " + name + "; known: " + String.join(", ", known));
            }
            values.put(name.substring(2), args[++i]);
        }
    }

    public String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public int integer(String name, int defaultValue) {
        String value = values.get(name);
        return value == null ? defaultValue : Integer.parseInt(value.replace("_", ""));
    }

    public Path path(String name) {
        return Path.of(required(name));
    }
}
