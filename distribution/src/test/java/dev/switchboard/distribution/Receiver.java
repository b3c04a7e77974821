package dev.switchboard.distribution;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** A WireMock receiver on a free port of 127.0.0.1, started and stopped around each test. */
final class Receiver {

    private Receiver() {
    }

    static WireMockExtension local() {
        return WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
    }
}
