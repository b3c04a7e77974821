package dev.switchboard.core.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.event.EventJson;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.junit.jupiter.api.Test;

class LazyTlsStrategyTest {

    @Test
    void createsTheTlsSetUpAtTheFirstHttpsConnectionOnlyAndOnce() throws Exception {
        AtomicInteger created = new AtomicInteger();
        TlsStrategy lazy = new LazyTlsStrategy(() -> {
            created.incrementAndGet();
            return DefaultClientTlsStrategy.createDefault();
        });
        assertThat(created).hasValue(0);

        WireMockServer https = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicHttpsPort());
        https.start();
        try (PooledHttpTransport transport = new PooledHttpTransport(EventJson.mapper(), Clock.systemUTC(), "t", lazy)) {
            assertThat(created).hasValue(0);
            WorkflowEvent event = WorkflowEvent.builder("error").id("evt-1").build();
            String url = "https://127.0.0.1:" + https.httpsPort() + "/hook";
            for (int i = 0; i < 2; i++) {
                Throwable failure = catchThrowable(() -> transport.postJson(url, Map.of(), event.toSeedMap(), event)
                        .toCompletableFuture().get(10, TimeUnit.SECONDS));
                // WireMock's certificate is self-signed: the JDK's trust store, loaded now, refuses it.
                assertThat(failure).isInstanceOf(ExecutionException.class);
                assertThat(failure.getCause()).isInstanceOf(SSLException.class);
            }
        } finally {
            https.stop();
        }
        assertThat(created).hasValue(1);
    }
}
