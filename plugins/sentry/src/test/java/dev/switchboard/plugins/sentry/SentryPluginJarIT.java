package dev.switchboard.plugins.sentry;

import dev.switchboard.testkit.PackagedJarConformance;

class SentryPluginJarIT extends PackagedJarConformance {

    @Override
    protected String type() {
        return "sentry";
    }
}
