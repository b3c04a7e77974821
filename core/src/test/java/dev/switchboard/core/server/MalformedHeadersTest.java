package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed headers, written as raw bytes: every one is a 4xx with the JSON error shape, never a 500. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedHeadersTest {

    private static final byte[] EVENT = "{\"event_type\": \"workflow_start\"}".getBytes(StandardCharsets.UTF_8);

    private TestService service;

    @BeforeAll
    void start() throws Exception {
        service = TestService.start("version: 1\nhandlers:\n  - {name: headers, type: console, events: [\"*\"]}\n");
    }

    @AfterAll
    void stop() {
        service.close();
    }

    private RawHttp.Answer post(String headers, byte[] body) throws Exception {
        return RawHttp.send(service.server.port(), "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers, body);
    }

    private static void assertJsonError(RawHttp.Answer answer, int... statuses) throws Exception {
        assertThat(answer.status()).as(answer.headers() + "\n" + answer.body()).isIn(box(statuses));
        assertThat(answer.header("Content-Type")).as(answer.headers()).startsWith(Exchange.JSON);
        JsonNode body = TestService.JSON.readTree(answer.body());
        assertThat(body.path("error").isTextual()).as(answer.body()).isTrue();
    }

    private static Integer[] box(int[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Integer[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {";", " ; ", ";;;", "; charset=utf-8", "=", "/", "application/json;", "application/json; charset",
            "application/json; charset=", "application/json; charset=\"\"", "application/json; =utf-8",
            "application/json; charset=utf-8; charset=latin1", "application/json;;charset=utf-8;;",
            "application/json; charset=\u00e9", "application/json, text/plain", "*/*", "application/*",
            "application/json\tfoo", "APPLICATION/X-NDJSON; CHARSET=\"UTF-16\""})
    void aMalformedOrOddContentTypeIsA415WithTheJsonErrorShape(String contentType) throws Exception {
        RawHttp.Answer answer = post("Content-Type: " + contentType + "\r\nContent-Length: " + EVENT.length + "\r\n", EVENT);

        if (answer.status() != 202) {
            assertJsonError(answer, 400, 415);
        }
    }

    @Test
    void aContentTypeWithoutAValueIs415() throws Exception {
        RawHttp.Answer answer = post("Content-Type:\r\nContent-Length: " + EVENT.length + "\r\n", EVENT);

        assertJsonError(answer, 415);
    }

    @Test
    void aSemicolonAloneAsContentTypeIs415NamingTheProblem() throws Exception {
        RawHttp.Answer answer = post("Content-Type: ;\r\nContent-Length: " + EVENT.length + "\r\n", EVENT);

        assertJsonError(answer, 415);
        assertThat(answer.body()).contains("names no media type");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "-1", "1.5", "99999999999999999999", "", " ", "12, 12", "0x10", "+5"})
    void aMalformedContentLengthIs400WithTheJsonErrorShape(String length) throws Exception {
        RawHttp.Answer answer = post("Content-Type: application/json\r\nContent-Length: " + length + "\r\n", EVENT);

        if (answer.status() != 202) {
            assertJsonError(answer, 400, 411, 413);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Accept: ;", "Accept: */*;q=abc", "Accept: \u00ff\u00fe", "Accept-Charset: ;;;",
            "Content-Encoding: gzip", "Transfer-Encoding: chunked, identity", "Expect: 100-banana",
            "Authorization: ;", "X-API-Key:", "Origin: ;"})
    void oddOtherHeadersNeverMakeA500(String header) throws Exception {
        RawHttp.Answer answer = post("Content-Type: application/json\r\nContent-Length: " + EVENT.length + "\r\n"
                + header + "\r\n", EVENT);

        if (answer.status() != 202) {
            assertJsonError(answer, 400, 401, 403, 411, 415, 417, 501);
        }
        assertThat(service.get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void headOnHealthAndReadinessAnswersLikeGetWithoutABody() throws Exception {
        for (String path : new String[] {"/healthz", "/readyz"}) {
            RawHttp.Answer get = RawHttp.send(service.server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                    new byte[0]);
            RawHttp.Answer head = RawHttp.send(service.server.port(), "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                    new byte[0]);

            assertThat(head.status()).as(path).isEqualTo(200).isEqualTo(get.status());
            assertThat(head.header("Content-Type")).as(path).isEqualTo(get.header("Content-Type"));
            assertThat(head.body()).as(path).isEmpty();
            assertThat(get.body()).as(path).isNotEmpty();
        }
    }

    @Test
    void headIsListedAsAllowedBesideGet() throws Exception {
        RawHttp.Answer answer = RawHttp.send(service.server.port(),
                "PUT /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n", new byte[0]);

        assertJsonError(answer, 405);
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Authorization: ;", "Authorization: Bearer", "Authorization: Bearer ", "Authorization: bearer\t",
            "Authorization: Basic", "Authorization: \u00ff\u00fe\u00fd", "X-API-Key: \u00e9", "X-API-Key: ;",
            "Authorization: Bearer k-1; X-API-Key: k-1"})
    void oddCredentialsWhenKeysAreRequiredAre401Or403NeverA500(String header) throws Exception {
        try (TestService guarded = TestService.start("version: 1\nhandlers:\n  - {name: guarded, type: console, "
                + "events: [\"*\"]}\nserver: {api_keys: [\"${KEY}\"]}\n", java.util.Map.of("KEY", "k-1"))) {
            RawHttp.Answer answer = RawHttp.send(guarded.server.port(), "POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + EVENT.length + "\r\n" + header + "\r\n", EVENT);

            assertJsonError(answer, 400, 401, 403);
        }
    }
}
