package dev.switchboard.core.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a Standard Webhooks receiver computes from the raw body it got, written out in the test
 * code, apart from the runtime's signer.
 */
public final class ReceiverSignature {

    private ReceiverSignature() {
    }

    /** @return {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} */
    public static String of(byte[] key, String id, String timestamp, byte[] body) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** @return whether the header's one signature matches, compared in constant time */
    public static boolean matches(String signature, byte[] key, String id, String timestamp, byte[] body)
            throws GeneralSecurityException {
        return MessageDigest.isEqual(of(key, id, timestamp, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
