package ${package};

import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.testkit.HandlerFactoryConformance;
import java.util.Map;

/**
 * The rules every Switchboard plugin keeps, from the test kit: a valid type, declared keys, each
 * required key named when missing, an undeclared key refused, an idempotent close, concurrent use,
 * no JVM-global state changed.
 */
class NotifyHandlerConformanceTest extends HandlerFactoryConformance {

    @Override
    protected HandlerFactory factory() {
        return new NotifyHandlerFactory();
    }

    /** Every required key and nothing else; the test kit's recording transport answers, nothing is sent. */
    @Override
    protected Map<String, ?> minimalConfig() {
        return Map.of("url", "http://127.0.0.1:9/hook");
    }
}
