package dev.switchboard.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TriesTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(Tries.REPLAY_PROPERTY);
        System.clearProperty(Tries.SEED_PROPERTY);
    }

    @Test
    void everyTryRunsOnItsOwnInputAndTheSameInputsComeBackOnTheNextRun() {
        List<Long> first = new ArrayList<>();
        List<Long> second = new ArrayList<>();

        Tries.of("same", 50).check(random -> random.nextLong(), first::add);
        Tries.of("same", 50).check(random -> random.nextLong(), second::add);

        assertThat(first).hasSize(50).doesNotHaveDuplicates().isEqualTo(second);
    }

    @Test
    void anotherBaseSeedGivesOtherInputs() {
        List<Long> fixed = new ArrayList<>();
        List<Long> explored = new ArrayList<>();
        Tries.of("explore", 5).check(random -> random.nextLong(), fixed::add);

        System.setProperty(Tries.SEED_PROPERTY, "42");
        Tries.of("explore", 5).check(random -> random.nextLong(), explored::add);

        assertThat(explored).doesNotContainAnyElementsOf(fixed);
    }

    @Test
    void theFirstFailureNamesItsTryAndSeedAndInputAndTheReplayRunsThatInputAlone() {
        IllegalStateException cause = new IllegalStateException("boom");
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> Tries.of("fails", 100).check(
                random -> "input-" + random.nextInt(1000) + "x".repeat(500), input -> {
                    if (input.compareTo("input-5") > 0) {
                        throw cause;
                    }
                }));

        assertThat(failure).hasCause(cause).hasMessageContaining("fails: try ").hasMessageContaining(" of 100 failed")
                .hasMessageContaining("... (5");
        Matcher seed = Pattern.compile("-D" + Pattern.quote(Tries.REPLAY_PROPERTY) + "=(0x[0-9a-f]{16})")
                .matcher(failure.getMessage());
        assertThat(seed.find()).as(failure.getMessage()).isTrue();
        String failedInput = failure.getMessage().substring(failure.getMessage().indexOf("input-")).substring(0, 300);

        System.setProperty(Tries.REPLAY_PROPERTY, seed.group(1));
        List<String> replayed = new ArrayList<>();
        Tries.of("fails", 100).check(random -> "input-" + random.nextInt(1000) + "x".repeat(500), replayed::add);

        assertThat(replayed).hasSize(1);
        assertThat(replayed.get(0)).startsWith(failedInput);
    }
}
