package dev.switchboard.plugins.slack;

import dev.switchboard.testkit.PackagedJarConformance;

class SlackPluginJarConformanceIT extends PackagedJarConformance {

    @Override
    protected String type() {
        return "slack";
    }
}
