package com.example.filehandler;

import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.testkit.HandlerFactoryConformance;
import java.nio.file.Path;
import java.util.Map;

/** The rules every Switchboard plugin keeps, from the test kit. */
class FileHandlerConformanceTest extends HandlerFactoryConformance {

    @Override
    protected HandlerFactory factory() {
        return new FileHandlerFactory();
    }

    @Override
    protected Map<String, ?> minimalConfig() {
        return Map.of("path", Path.of("target", "conformance", "events.ndjson").toString());
    }
}
