package dev.switchboard.plugins.secure;

import dev.switchboard.testkit.PackagedJarConformance;

class SecurePluginJarIT extends PackagedJarConformance {

    @Override
    protected String type() {
        return "secure";
    }

    @Override
    protected boolean isFilter() {
        return true;
    }
}
