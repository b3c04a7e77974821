package dev.switchboard.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.config.RedactSettings;
import dev.switchboard.core.testing.Tries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The redactor over generated data trees: maps and lists nested up to eight deep, sensitive keys in
 * any case holding values marked {@value #MARK} (strings, or whole subtrees), beside clean keys
 * and values. No marked value and no sensitive key survives, the rest is kept exactly, and a tree
 * with nothing sensitive comes back as the same instance.
 */
class RedactorPropertiesTest {

    private static final String MARK = "SECRET-VALUE-";
    private static final List<String> SENSITIVE = List.of("api_key", "password", "secret");
    private static final List<String> CLEAN_KEYS = List.of("step", "response", "apikey", "passwords", "secrets",
            "api-key", "pass_word", "secret_santa", "token_count", "", " password", "password ", "ключ", "名前");
    private static final int MAX_DEPTH = 8;

    @Test
    void noSensitiveKeyOrItsValueSurvivesAtAnyDepthAndTheRestIsKept() {
        Tries tries = Tries.of("noSensitiveKeyOrItsValueSurvivesAtAnyDepthAndTheRestIsKept", 400);
        tries.check(RedactorPropertiesTest::withSecrets, data -> {
            WorkflowEvent redacted = new Redactor(RedactSettings.DEFAULT).redact(event(data));
            tries.label("depth", depth(data));

            assertThat(strings(redacted.data())).noneMatch(text -> text.contains(MARK));
            assertThat(keys(redacted.data())).noneMatch(key -> SENSITIVE.contains(key.toLowerCase(Locale.ROOT)));
            assertThat(redacted.data()).isEqualTo(removed(data));
        });
    }

    @Test
    void maskModeHidesEverySensitiveValueAndKeepsItsKey() {
        Tries.of("maskModeHidesEverySensitiveValueAndKeepsItsKey", 300).check(RedactorPropertiesTest::withSecrets, data -> {
            WorkflowEvent redacted = new Redactor(new RedactSettings(SENSITIVE, RedactSettings.Mode.MASK))
                    .redact(event(data));

            assertThat(strings(redacted.data())).noneMatch(text -> text.contains(MARK));
            assertThat(keys(redacted.data())).containsExactlyElementsOf(keysOutsideSensitiveValues(data));
        });
    }

    @Test
    void dataWithNothingSensitiveIsTheSameInstance() {
        Tries.of("dataWithNothingSensitiveIsTheSameInstance", 300).check(random -> map(random, MAX_DEPTH, false),
                data -> {
                    WorkflowEvent event = event(data);

                    assertThat(new Redactor(RedactSettings.DEFAULT).redact(event)).isSameAs(event);
                });
    }

    private static Map<String, Object> withSecrets(Random random) {
        return map(random, MAX_DEPTH, true);
    }

    private static WorkflowEvent event(Map<String, Object> data) {
        return WorkflowEvent.builder("step_complete").id("e1").data(data).build();
    }

    private static Map<String, Object> map(Random random, int depth, boolean secrets) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0, n = random.nextInt(5) + (depth == MAX_DEPTH ? 1 : 0); i < n; i++) {
            if (secrets && random.nextInt(3) == 0) {
                map.put(anyCase(SENSITIVE.get(random.nextInt(SENSITIVE.size())), random), secret(random, depth));
            } else {
                map.put(CLEAN_KEYS.get(random.nextInt(CLEAN_KEYS.size())) + (random.nextBoolean() ? "" : i),
                        value(random, depth - 1, secrets));
            }
        }
        return map;
    }

    private static Object value(Random random, int depth, boolean secrets) {
        int kind = depth <= 0 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> "plain text " + random.nextInt(1000);
            case 1 -> random.nextInt();
            case 2 -> random.nextBoolean() ? Boolean.TRUE : null;
            case 3 -> random.nextDouble();
            case 4 -> map(random, depth, secrets);
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = 0, n = random.nextInt(4); i < n; i++) {
                    list.add(value(random, depth - 1, secrets));
                }
                yield list;
            }
        };
    }

    /** A marked string, or a subtree whose every string is marked. */
    private static Object secret(Random random, int depth) {
        if (depth <= 1 || random.nextBoolean()) {
            return MARK + Long.toHexString(random.nextLong());
        }
        return random.nextBoolean() ? Map.of("inner", secret(random, depth - 1))
                : List.of(secret(random, depth - 1), MARK + "item");
    }

    private static String anyCase(String key, Random random) {
        StringBuilder cased = new StringBuilder();
        for (char c : key.toCharArray()) {
            cased.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return cased.toString();
    }

    /** What redaction must leave: the tree without sensitive keys, written independently of it. */
    private static Object removed(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach((key, inner) -> {
                if (!SENSITIVE.contains(String.valueOf(key).toLowerCase(Locale.ROOT))) {
                    kept.put(String.valueOf(key), removed(inner));
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RedactorPropertiesTest::removed).toList();
        }
        return value;
    }

    private static List<String> strings(Object value) {
        List<String> found = new ArrayList<>();
        walk(value, found, null);
        return found;
    }

    private static List<String> keys(Object value) {
        List<String> found = new ArrayList<>();
        walk(value, null, found);
        return found;
    }

    private static List<String> keysOutsideSensitiveValues(Map<String, Object> data) {
        return keys(removedValuesKeepingKeys(data));
    }

    private static Object removedValuesKeepingKeys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach((key, inner) -> kept.put(String.valueOf(key),
                    SENSITIVE.contains(String.valueOf(key).toLowerCase(Locale.ROOT)) ? Redactor.MASK
                            : removedValuesKeepingKeys(inner)));
            return kept;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RedactorPropertiesTest::removedValuesKeepingKeys).toList();
        }
        return value;
    }

    private static void walk(Object value, List<String> strings, List<String> keys) {
        if (value instanceof String text && strings != null) {
            strings.add(text);
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                if (keys != null) {
                    keys.add(String.valueOf(key));
                }
                walk(inner, strings, keys);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> walk(item, strings, keys));
        }
    }

    private static int depth(Object value) {
        if (value instanceof Map<?, ?> map) {
            return 1 + map.values().stream().mapToInt(RedactorPropertiesTest::depth).max().orElse(0);
        }
        if (value instanceof List<?> list) {
            return 1 + list.stream().mapToInt(RedactorPropertiesTest::depth).max().orElse(0);
        }
        return 0;
    }
}
