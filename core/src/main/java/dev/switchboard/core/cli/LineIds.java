package dev.switchboard.core.cli;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.UUID;

/**
 * The id of an event read from a line of a file with an identity: a name-based UUID (version 5,
 * SHA-1) of the file's identity, the line's start offset and its content. A rerun, {@code
 * --from-start} included, gives the same line the same id, so receivers de-duplicate it by its
 * {@code webhook-id}; the content is part of it because a file rewritten in place keeps its identity
 * while a different line may come to start at the same offset, and the store keeps an event's first
 * body for its id. Not thread-safe.
 */
final class LineIds {

    /** The identity's bytes, then 8 bytes for the offset of the line at hand. */
    private final byte[] name;
    private final MessageDigest sha1;

    /** @param identity the file's identity, see {@link InputSource#identity()} */
    LineIds(String identity) {
        byte[] bytes = identity.getBytes(StandardCharsets.UTF_8);
        this.name = Arrays.copyOf(bytes, bytes.length + Long.BYTES);
        try {
            this.sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /** @return the id of the line that starts at {@code start} and holds {@code content} */
    String of(long start, byte[] content) {
        for (int i = 0; i < Long.BYTES; i++) {
            name[name.length - 1 - i] = (byte) (start >>> (8 * i));
        }
        sha1.update(name);
        byte[] hash = sha1.digest(content);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (hash[i] & 0xFF);
            low = (low << 8) | (hash[i + 8] & 0xFF);
        }
        high = (high & ~0xF000L) | 0x5000L; // version 5
        low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // the RFC 4122 variant
        return new UUID(high, low).toString();
    }
}
