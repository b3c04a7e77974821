package dev.switchboard.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignerTest {

    /*
     * The Standard Webhooks reference libraries' published test vector, written out by hand: secret
     * whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, message id msg_p5jXN8AQM9LWM0D4loKWxJek, timestamp
     * 1614265330, payload {"test": 2432232314}.
     */
    static final byte[] VECTOR_KEY = Base64.getDecoder().decode("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long VECTOR_TIMESTAMP = 1614265330L;
    static final byte[] VECTOR_PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final byte[] OTHER_KEY = "another key of twenty-four bytes or more".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theSpecificationsTestVectorGivesItsPublishedSignature() {
        WebhookSigner signer = new WebhookSigner(List.of(VECTOR_KEY));

        assertThat(signer.signature(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD)).isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void duringARotationEachKeyAddsOneSignatureSpaceSeparatedInTheOrderGiven() {
        String other = new WebhookSigner(List.of(OTHER_KEY)).signature(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD);

        String both = new WebhookSigner(List.of(OTHER_KEY, VECTOR_KEY))
                .signature(VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_PAYLOAD);

        assertThat(both.split(" ")).containsExactly(other, VECTOR_SIGNATURE);
        assertThat(other).startsWith("v1,").isNotEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void theIdTheTimestampAndEveryByteOfTheBodyAreSigned() {
        WebhookSigner signer = new WebhookSigner(List.of(VECTOR_KEY));
        byte[] oneByteChanged = VECTOR_PAYLOAD.clone();
        oneByteChanged[oneByteChanged.length - 2]++;

        assertThat(List.of(
                signer.signature("msg_other", VECTOR_TIMESTAMP, VECTOR_PAYLOAD),
                signer.signature(VECTOR_ID, VECTOR_TIMESTAMP + 1, VECTOR_PAYLOAD),
                signer.signature(VECTOR_ID, VECTOR_TIMESTAMP, oneByteChanged)))
                .doesNotContain(VECTOR_SIGNATURE).doesNotHaveDuplicates();
    }

    @Test
    void itNeverShowsItsKeys() {
        WebhookSigner signer = new WebhookSigner(List.of(VECTOR_KEY, OTHER_KEY));

        assertThat(signer.toString()).isEqualTo("WebhookSigner[2 keys]");
    }
}
