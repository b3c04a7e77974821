package dev.switchboard.core.testing;

import java.nio.file.Path;

/**
 * A third party's plugin JAR, compiled at test time: {@code type: poster}, a
 * {@link dev.switchboard.api.WebhookEventHandler} that POSTs {@code {"text": EVENT_TYPE}} to
 * {@code config.url} with the headers of {@code config.headers}.
 */
public final class PosterPlugin {

    private PosterPlugin() {
    }

    /** @return the JAR, written into {@code dir} */
    public static Path writeTo(Path dir) {
        return TestPluginJar.named("poster").handlerFactory("com.example.poster.PosterFactory", """
                package com.example.poster;

                import dev.switchboard.api.EventHandler;
                import dev.switchboard.api.HandlerContext;
                import dev.switchboard.api.WebhookEventHandler;
                import dev.switchboard.api.WorkflowEvent;
                import dev.switchboard.api.spi.HandlerFactory;
                import java.util.Map;

                public final class PosterFactory implements HandlerFactory {
                    @Override
                    public String type() {
                        return "poster";
                    }

                    @Override
                    public EventHandler create(HandlerContext context) {
                        String url = context.config().secret("url");
                        Map<String, String> headers = Map.copyOf(context.config().stringMap("headers"));
                        return new WebhookEventHandler(context) {
                            @Override
                            public Object formatPayload(WorkflowEvent event) {
                                return Map.of("text", event.eventType());
                            }

                            @Override
                            public String webhookUrl() {
                                return url;
                            }

                            @Override
                            public Map<String, String> headers() {
                                return headers;
                            }
                        };
                    }
                }
                """).writeTo(dir);
    }
}
