package dev.switchboard.core.config;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads a handler's {@code signing: {secret: whsec_…, previous: [whsec_…]}}. A malformed secret is
 * reported where it stands, and no message ever quotes one.
 */
final class SigningReader {

    static final String PREFIX = "whsec_";
    private static final List<String> KEYS = List.of("secret", "previous");
    // The Standard Webhooks specification: random, at least 24 bytes (192 bits), at most 64 (512 bits).
    private static final int MIN_BYTES = 24;
    private static final int MAX_BYTES = 64;

    private SigningReader() {
    }

    /** @return the settings, or null when the handler has no {@code signing:} block or it is wrong */
    static SigningSettings read(MapFields handler) {
        MapFields signing = handler.child("signing", KEYS);
        if (signing == null) {
            return null;
        }
        YamlNode.Scalar current = signing.scalar("secret");
        if (current == null) {
            if (signing.value("secret") == null) {
                signing.problems().add(signing.map().position(), signing.label("secret")
                        + ": required key is missing; give the " + PREFIX + "… secret the receiver verifies with");
            }
            return null;
        }
        List<YamlNode.Scalar> secrets = new ArrayList<>();
        secrets.add(current);
        List<YamlNode.Scalar> previous = signing.scalars("previous");
        if (previous != null) {
            secrets.addAll(previous);
        }
        List<byte[]> keys = new ArrayList<>();
        boolean allRead = true;
        for (YamlNode.Scalar secret : secrets) {
            byte[] key = decode(secret, signing, secret == current ? "secret" : "previous");
            allRead &= key != null;
            keys.add(key);
        }
        return allRead ? new SigningSettings(keys, signing.map().position()) : null;
    }

    /** @return the HMAC key, or null after reporting what is wrong (never the secret itself) */
    private static byte[] decode(YamlNode.Scalar secret, MapFields signing, String key) {
        String text = secret.text();
        if (text.isEmpty() || secret.isNull()) {
            signing.problem(secret, key, "must not be empty; give a " + PREFIX + "… secret");
            return null;
        }
        if (!text.startsWith(PREFIX)) {
            signing.problem(secret, key, "must start with '" + PREFIX + "' followed by the base64 key");
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            signing.problem(secret, key, "the part after '" + PREFIX + "' is not valid base64");
            return null;
        }
        if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
            signing.problem(secret, key, "the key after '" + PREFIX + "' holds " + bytes.length
                    + " bytes; Standard Webhooks asks for " + MIN_BYTES + " to " + MAX_BYTES);
            return null;
        }
        return bytes;
    }
}
