package dev.switchboard.plugins.secure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.testing.Tries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The secure filter over generated data: secrets of every built-in shape (bearer tokens of any
 * alphabet, Authorization values, AWS, GitHub, Slack, Stripe keys, JWTs, URL passwords, card
 * numbers, private keys) inside prose, placed at any depth of maps and lists nested up to eight
 * deep, and a key named {@code authorization} in any case at any depth; and the clean corpus
 * placed the same way.
 */
class SecureFilterPropertiesTest {

    private static final EventFilter FILTER = Filters.secure();
    private static final List<String> CLEAN = Corpus.records("clean-corpus.txt");
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String TOKEN68 = ALPHANUMERIC + "-_~+/";
    private static final List<String> PROSE = List.of("The step finished", "calling the API with", "see", "retrying;",
            "Output:", "the worker said", "-", "(", "result was", "\u00e9t\u00e9 fini", "\u4e2d\u6587");
    private static final int MAX_DEPTH = 8;

    /** A secret in its context, and the part of it that must not survive. */
    record Secret(String kind, String text, String core) {
    }

    private static final List<Function<Random, Secret>> SHAPES = List.of(
            r -> bearer("bearer letters", "Bearer ", random(r, LETTERS, 16, 40)),
            r -> bearer("bearer lower case", "Bearer ", random(r, LOWER, 16, 40)),
            r -> bearer("bearer with a digit", "Bearer ", withDigit(r, random(r, TOKEN68, 8, 40))),
            r -> bearer("authorization bearer", "Authorization: Bearer ", random(r, LETTERS, 16, 40)),
            r -> bearer("authorization bearer quoted", "\"Authorization\": \"Bearer ", random(r, LOWER, 8, 15) + "\""),
            r -> bearer("authorization without scheme", "Authorization: ", random(r, LETTERS, 16, 40)),
            r -> bearer("authorization basic", "authorization=Basic ", withDigit(r, random(r, ALPHANUMERIC, 12, 40))),
            r -> bearer("aws access key", "", "AKIA" + random(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16)),
            r -> bearer("github token", "", "ghp_" + random(r, ALPHANUMERIC, 36, 36)),
            r -> bearer("slack token", "", "xoxb-" + random(r, ALPHANUMERIC + "-", 10, 40)),
            r -> bearer("stripe key", "", "sk_live_" + random(r, ALPHANUMERIC, 10, 40)),
            r -> bearer("jwt", "", "eyJ" + random(r, ALPHANUMERIC + "_-", 10, 40) + "." + random(r, ALPHANUMERIC, 4, 20)
                    + "." + random(r, ALPHANUMERIC, 4, 30)),
            r -> url(r),
            r -> card(r),
            r -> privateKey(r));

    /** Generated data and the secrets placed in it. */
    record Planted(Map<String, Object> data, List<Secret> secrets) {
    }

    @Test
    void noSecretSurvivesAtAnyDepth() {
        Tries tries = Tries.of("noSecretSurvivesAtAnyDepth", 500);
        tries.check(SecureFilterPropertiesTest::planted, planted -> {
            planted.secrets().forEach(secret -> tries.label("shape", secret.kind()));

            WorkflowEvent filtered = FILTER.apply(event(planted.data()));

            String everything = strings(filtered.data());
            for (Secret secret : planted.secrets()) {
                assertThat(everything).as(secret.kind() + ": " + secret.text()).doesNotContain(secret.core());
            }
        });
    }

    @Test
    void theCleanCorpusAtAnyDepthPassesUnchangedAsTheSameEvent() {
        Tries.of("theCleanCorpusAtAnyDepthPassesUnchangedAsTheSameEvent", 500).check(
                random -> event(tree(random, MAX_DEPTH, () -> CLEAN.get(random.nextInt(CLEAN.size())))),
                event -> assertThat(FILTER.apply(event)).isSameAs(event));
    }

    private static Planted planted(Random random) {
        List<Secret> secrets = new ArrayList<>();
        Map<String, Object> data = tree(random, MAX_DEPTH, () -> {
            Secret secret = SHAPES.get(random.nextInt(SHAPES.size())).apply(random);
            secrets.add(secret);
            return prose(random) + " " + secret.text() + " " + prose(random);
        });
        String keyed = "keyed-" + Long.toHexString(random.nextLong());
        List<Map<String, Object>> maps = maps(data);
        maps.get(random.nextInt(maps.size())).put(anyCase(random, random.nextBoolean() ? "authorization"
                : "proxy-authorization"), random.nextBoolean() ? "Basic " + keyed : List.of(Map.of("v", keyed)));
        secrets.add(new Secret("authorization key", keyed, keyed));
        return new Planted(data, secrets);
    }

    private static WorkflowEvent event(Map<String, Object> data) {
        return WorkflowEvent.builder("step_complete").specName("research-workflow").data(data).build();
    }

    /** Maps and lists nested up to {@code depth} deep with at least one leaf from {@code leaf}. */
    private static Map<String, Object> tree(Random random, int depth, java.util.function.Supplier<String> leaf) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("response", node(random, random.nextInt(depth), leaf));
        for (int i = 0, n = random.nextInt(3); i < n; i++) {
            map.put("field_" + i, node(random, random.nextInt(depth), leaf));
        }
        return map;
    }

    private static Object node(Random random, int depth, java.util.function.Supplier<String> leaf) {
        if (depth == 0) {
            return leaf.get();
        }
        if (random.nextBoolean()) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("step_" + random.nextInt(100), node(random, depth - 1, leaf));
            if (random.nextBoolean()) {
                map.put("index", random.nextInt(10));
            }
            return map;
        }
        List<Object> list = new ArrayList<>();
        list.add(node(random, depth - 1, leaf));
        if (random.nextBoolean()) {
            list.add(random.nextBoolean());
        }
        return list;
    }

    private static String prose(Random random) {
        return PROSE.get(random.nextInt(PROSE.size()));
    }

    private static String random(Random random, String alphabet, int min, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = min + random.nextInt(max - min + 1); i < n; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String withDigit(Random random, String token) {
        int at = random.nextInt(token.length());
        return token.substring(0, at) + random.nextInt(10) + token.substring(at + 1);
    }

    private static Secret bearer(String kind, String prefix, String token) {
        String core = token.endsWith("\"") ? token.substring(0, token.length() - 1) : token;
        return new Secret(kind, prefix + token, core);
    }

    private static Secret url(Random random) {
        String password = withDigit(random, random(random, ALPHANUMERIC, 8, 20));
        return new Secret("url password", "https://app:" + password + "@db.example.com/runs", password);
    }

    /** A Luhn-valid 16-digit number starting with 4. */
    private static Secret card(Random random) {
        int[] digits = new int[16];
        digits[0] = 4;
        for (int i = 1; i < 15; i++) {
            digits[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 14, position = 0; i >= 0; i--, position++) {
            int digit = digits[i] * (position % 2 == 0 ? 2 : 1);
            sum += digit > 9 ? digit - 9 : digit;
        }
        digits[15] = (10 - sum % 10) % 10;
        StringBuilder number = new StringBuilder();
        for (int digit : digits) {
            number.append(digit);
        }
        return new Secret("card number", number.toString(), number.toString());
    }

    private static Secret privateKey(Random random) {
        String body = random(random, ALPHANUMERIC + "+/", 64, 64);
        return new Secret("private key", "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----",
                body);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object value) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            found.add((Map<String, Object>) map);
            map.values().forEach(inner -> found.addAll(maps(inner)));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> found.addAll(maps(item)));
        }
        return found;
    }

    private static String anyCase(Random random, String key) {
        StringBuilder cased = new StringBuilder();
        for (char c : key.toCharArray()) {
            cased.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return cased.toString();
    }

    private static String strings(Object value) {
        StringBuilder all = new StringBuilder();
        collect(value, all);
        return all.toString();
    }

    private static void collect(Object value, StringBuilder all) {
        if (value instanceof String text) {
            all.append(text).append('\n');
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(inner -> collect(inner, all));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, all));
        }
    }
}
