package dev.switchboard.plugins.datadog;

import dev.switchboard.testkit.PackagedJarConformance;

class DatadogPluginJarIT extends PackagedJarConformance {

    @Override
    protected String type() {
        return "datadog";
    }
}
