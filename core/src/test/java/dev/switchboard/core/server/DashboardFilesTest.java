package dev.switchboard.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's files over real HTTP: served at {@code /ui/} with a Content-Security-Policy that
 * forbids inline scripts, open without a key while the data behind them is not, and written so that
 * no value becomes markup. {@link DashboardBrowserTest} drives them in Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardFilesTest {

    private static final List<String> FILES = List.of("index.html", "style.css", "app.js", "api.js", "dom.js", "chart.js");
    private TestService service;

    @BeforeAll
    void start() throws Exception {
        service = TestService.start("""
                version: 1
                server: {api_keys: [ui-key]}
                handlers:
                  - {name: ui-files, type: recording, events: ["*"]}
                """);
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Test
    void thePageAndItsFilesAreServedWithAPolicyThatForbidsInlineScripts() throws Exception {
        HttpResponse<String> page = service.get("/ui/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "default-src 'none'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>");
        for (String file : FILES) {
            HttpResponse<String> served = service.get("/ui/" + file);
            assertThat(served.statusCode()).as(file).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Security-Policy")).as(file).hasValue(policy);
            assertThat(served.body()).as(file).isEqualTo(resource(file));
        }
        assertThat(service.get("/ui/app.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    }

    @Test
    void aFileTheDashboardDoesNotHaveIs404() throws Exception {
        assertThat(service.get("/ui/secrets.txt").statusCode()).isEqualTo(404);
    }

    @Test
    void withoutTheKeyThePageLoadsButNoDataDoes() throws Exception {
        assertThat(service.get("/ui/").statusCode()).isEqualTo(200);
        for (String path : List.of("/v1/handlers", "/v1/sessions", "/v1/deliveries", "/v1/plugins")) {
            assertThat(service.get(path).statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void noFileHoldsAnInlineScriptOrHandlerAndNoScriptParsesValuesAsMarkup() throws Exception {
        String page = resource("index.html");
        assertThat(page.replace("<script type=\"module\" src=\"app.js\"></script>", "")).doesNotContain("<script")
                .doesNotContainPattern("\\son[a-z]+=").doesNotContain("style=");
        for (String script : List.of("app.js", "api.js", "dom.js", "chart.js")) {
            assertThat(resource(script)).as(script).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML",
                    "document.write", "eval(");
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = UiEndpoint.class.getResourceAsStream("ui/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
