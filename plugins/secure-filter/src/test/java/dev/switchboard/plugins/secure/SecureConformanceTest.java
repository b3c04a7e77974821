package dev.switchboard.plugins.secure;

import dev.switchboard.api.spi.FilterFactory;
import dev.switchboard.testkit.FilterFactoryConformance;
import java.util.Map;

class SecureConformanceTest extends FilterFactoryConformance {

    @Override
    protected FilterFactory factory() {
        return new SecureFilterFactory();
    }

    @Override
    protected Map<String, ?> minimalConfig() {
        return Map.of();
    }
}
