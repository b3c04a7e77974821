package dev.switchboard.core.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The configured API keys, kept only as SHA-256 digests. A presented key is digested too and
 * compared with every configured one in constant time, so neither its length nor its first
 * differing byte shows in the answer's timing.
 */
final class ApiKeys {

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = digests;
    }

    static ApiKeys of(List<String> keys) {
        return new ApiKeys(keys.stream().map(ApiKeys::digest).toList());
    }

    /** @return whether any key is configured, i.e. whether callers must present one */
    boolean required() {
        return !digests.isEmpty();
    }

    boolean accepts(String presented) {
        byte[] candidate = digest(presented);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(digest, candidate);
        }
        return match;
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return digests.size() + " API key(s)";
    }
}
