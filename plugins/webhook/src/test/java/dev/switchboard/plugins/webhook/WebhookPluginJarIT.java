package dev.switchboard.plugins.webhook;

import dev.switchboard.testkit.PackagedJarConformance;

class WebhookPluginJarIT extends PackagedJarConformance {

    @Override
    protected String type() {
        return "webhook";
    }
}
