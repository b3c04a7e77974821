package dev.switchboard.core.server;

import static dev.switchboard.core.server.TestService.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.testing.TestPluginJar;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/plugins} over real HTTP with real plugin JARs: one that loads, one the runtime refuses. */
class PluginsApiTest {

    private static final String FACTORY = """
            package com.example.hello;

            import dev.switchboard.api.EventHandler;
            import dev.switchboard.api.HandlerContext;
            import dev.switchboard.api.spi.HandlerFactory;

            public final class HelloFactory implements HandlerFactory {
                @Override
                public String type() {
                    return "hello";
                }

                @Override
                public EventHandler create(HandlerContext context) {
                    return event -> { };
                }
            }
            """;

    @TempDir
    Path plugins;

    @Test
    void loadedPluginsShowTheirTypesAndFailedOnesWhy() throws Exception {
        TestPluginJar.writeAll(plugins,
                TestPluginJar.named("hello").version("1.2.3").handlerFactory("com.example.hello.HelloFactory", FACTORY),
                TestPluginJar.named("future").requires(">=9.0.0").handlerFactory("com.example.future.FutureFactory",
                        FACTORY.replace("\"hello\"", "\"future\"").replace("com.example.hello", "com.example.future")
                                .replace("HelloFactory", "FutureFactory")));
        try (TestService service = TestService.start(SwitchboardServer.builder().environment(Map.of()).pluginsDir(plugins)
                .configText("""
                        version: 1
                        handlers:
                          - {name: greeting, type: hello, events: ["*"]}
                        """))) {
            HttpResponse response = new HttpResponse(service.get("/v1/plugins"));

            JsonNode loaded = response.json.get("loaded");
            assertThat(loaded).hasSize(1);
            assertThat(loaded.get(0).get("id").asText()).isEqualTo("hello");
            assertThat(loaded.get(0).get("version").asText()).isEqualTo("1.2.3");
            assertThat(loaded.get(0).get("jar").asText()).endsWith(".jar").doesNotContain("/");
            assertThat(loaded.get(0).get("handler_types")).extracting(JsonNode::asText).containsExactly("hello");
            JsonNode failed = response.json.get("failed");
            assertThat(failed).hasSize(1);
            assertThat(failed.get(0).get("reason").asText()).contains("Plugin-Requires '>=9.0.0' is not satisfied");
            assertThat(response.json.get("conflicts")).isEmpty();
            JsonNode handler = json(service.get("/v1/handlers")).get("items").get(0);
            assertThat(handler.get("plugin").asText()).isEqualTo("hello");
            assertThat(handler.get("state").asText()).isEqualTo("running");
        }
    }

    /** An answer's status checked and its JSON read. */
    private static final class HttpResponse {
        final JsonNode json;

        HttpResponse(java.net.http.HttpResponse<String> response) throws Exception {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            this.json = json(response);
        }
    }
}
