package dev.switchboard.core.delivery;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces every configured secret of a handler with {@code ***} in a text that is about to be
 * logged or reported (a failure reason often repeats what a receiver answered, and a receiver may
 * echo the token it was sent). Values shorter than {@link #MIN_LENGTH} are not masked: masking a
 * two-letter value everywhere would hide more than it protects.
 */
final class SecretMasker {

    static final int MIN_LENGTH = 4;
    static final String MASK = "***";
    static final SecretMasker NONE = new SecretMasker(List.of());

    /** Longest first, so that a secret containing another is masked whole. */
    private final List<String> secrets;

    private SecretMasker(List<String> secrets) {
        this.secrets = secrets;
    }

    static SecretMasker of(Collection<String> values) {
        List<String> secrets = values.stream()
                .filter(value -> value != null && value.length() >= MIN_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        return secrets.isEmpty() ? NONE : new SecretMasker(secrets);
    }

    String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    int size() {
        return secrets.size();
    }
}
