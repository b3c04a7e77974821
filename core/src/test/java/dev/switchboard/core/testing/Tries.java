package dev.switchboard.core.testing;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seeded tries for property tests in plain JUnit 5: a check run over {@code count} generated
 * inputs, each built from its own {@link Random}, so that CI sees the same cases on every run.
 *
 * <pre>{@code
 * record Mutated(String kind, String yaml) {}
 *
 * Tries tries = Tries.of("aMutatedConfigLoadsOrFailsOnOneLine", 300);
 * tries.check(random -> mutate(VALID_YAML, random), mutated -> {
 *     tries.label("kind", mutated.kind());
 *     assertThat(...);
 * });
 * }</pre>
 *
 * <p>Try {@code i}'s seed is derived from a base seed, the name and {@code i}. The base seed is
 * fixed; {@code -Dswitchboard.tries.seed=N} chooses another to explore new cases. The first failing
 * try throws an {@link AssertionError} naming the try, its seed and its input (truncated), with the
 * failure as cause; {@code -Dswitchboard.tries.replay=SEED} then runs that one case alone. There is
 * no shrinking: keep generators small enough that a failing input can be read.
 *
 * <p>{@link #label} counts values per label, as a coverage check of the generators; the counts are
 * logged at INFO when the tries pass. Not thread-safe: one instance per test, used on its thread.
 */
public final class Tries {

    /** The system property that overrides the base seed. */
    public static final String SEED_PROPERTY = "switchboard.tries.seed";
    /** The system property that runs only the try with this seed, as printed by a failure. */
    public static final String REPLAY_PROPERTY = "switchboard.tries.replay";
    private static final long BASE_SEED = 0x5B_0A_2D_2026L;
    private static final int DESCRIPTION_LIMIT = 300;
    private static final Logger LOG = LoggerFactory.getLogger(Tries.class);

    private final String name;
    private final int count;
    private final Map<String, Map<String, Integer>> labels = new TreeMap<>();

    /** A check that may throw anything; an exception fails the try as an assertion does. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    private Tries(String name, int count) {
        this.name = name;
        this.count = count;
    }

    /** Tries named {@code name} (usually the test method's name, which varies the seeds), {@code count} of them. */
    public static Tries of(String name, int count) {
        return new Tries(name, count);
    }

    /** Runs {@code check} on {@code generate(random)} for every try, stopping at the first failure. */
    public <T> void check(Function<Random, T> generate, Check<T> check) {
        String replay = System.getProperty(REPLAY_PROPERTY);
        long base = parse(System.getProperty(SEED_PROPERTY, Long.toString(BASE_SEED)));
        int tries = replay == null ? count : 1;
        for (int i = 1; i <= tries; i++) {
            long seed = replay != null ? parse(replay) : mix(base ^ mix(name.hashCode()) ^ mix(i));
            T input = generate.apply(new Random(seed));
            try {
                check.accept(input);
            } catch (Exception | AssertionError failure) {
                throw new AssertionError(String.format("%s: try %d of %d failed (seed 0x%016x: rerun it alone with "
                        + "-D%s=0x%016x) on %s", name, i, tries, seed, REPLAY_PROPERTY, seed, describe(input)),
                        failure);
            }
        }
        if (!labels.isEmpty()) {
            LOG.info("{}: {} tries; {}", name, tries, labels.entrySet().stream()
                    .map(label -> label.getKey() + " " + label.getValue()).collect(Collectors.joining("; ")));
        }
    }

    /** Counts {@code value} under {@code label} for the summary logged after the tries. */
    public void label(String label, Object value) {
        labels.computeIfAbsent(label, key -> new TreeMap<>()).merge(String.valueOf(value), 1, Integer::sum);
    }

    private static String describe(Object input) {
        String text = String.valueOf(input);
        return text.length() <= DESCRIPTION_LIMIT ? text
                : text.substring(0, DESCRIPTION_LIMIT) + "... (" + text.length() + " chars)";
    }

    /** A decimal seed, or a hexadecimal one as a failure prints it (all 64 bits, so not {@link Long#decode}). */
    private static long parse(String seed) {
        String trimmed = seed.trim();
        return trimmed.toLowerCase(java.util.Locale.ROOT).startsWith("0x")
                ? Long.parseUnsignedLong(trimmed.substring(2), 16) : Long.parseLong(trimmed);
    }

    /** SplitMix64's finaliser: nearby inputs give unrelated seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
