package dev.switchboard.core.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs one request as Standard Webhooks says: {@code v1,} and the base64 HMAC-SHA256 of
 * {@code id.timestamp.body}, one such signature per key, space-separated (the current key's first,
 * then those kept during a rotation). Thread-safe; holds the keys and never shows them.
 */
final class WebhookSigner {

    static final String TIMESTAMP_HEADER = "webhook-timestamp";
    static final String SIGNATURE_HEADER = "webhook-signature";
    private static final String HMAC = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    WebhookSigner(List<byte[]> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("signing needs at least one key");
        }
        this.keys = keys.stream().map(key -> new SecretKeySpec(key, HMAC)).toList();
    }

    /** @return the {@code webhook-signature} header's value for this id, unix-seconds timestamp and body */
    String signature(String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(keys.size() * 48);
        for (SecretKeySpec key : keys) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append("v1,").append(Base64.getEncoder().encodeToString(hmac(key, prefix, body)));
        }
        return header.toString();
    }

    private static byte[] hmac(SecretKeySpec key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSigner[" + keys.size() + " keys]";
    }
}
