package dev.switchboard.core.server;

import dev.switchboard.core.Switchboard;
import dev.switchboard.core.delivery.PolicyState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * {@code switchboard_handler_state{handler,state}}: 1 for each state a handler is in now, 0 for the
 * others. The breaker's {@code closed}, {@code open}, {@code half_open}; {@code disabled} (a 410) and
 * {@code paused} (a 429's Retry-After) beside it, as a handler can be disabled with its breaker closed.
 */
final class HandlerStateMetrics {

    private record Named(String name, Predicate<PolicyState> holds) {
    }

    private static final List<Named> STATES = List.of(
            new Named("closed", state -> state.breaker().equals("closed")),
            new Named("open", state -> state.breaker().equals("open")),
            new Named("half_open", state -> state.breaker().equals("half_open")),
            new Named("disabled", state -> state.disabledAt() != null),
            new Named("paused", state -> state.pausedUntil() != null));

    private HandlerStateMetrics() {
    }

    /** @return the gauges of one handler's states, for {@link HandlerGauges} to remove when the handler is */
    static List<Meter> register(MeterRegistry registry, Switchboard switchboard, String handler) {
        List<Meter> gauges = new ArrayList<>();
        for (Named state : STATES) {
            gauges.add(Gauge.builder("switchboard.handler.state", switchboard, runtime -> {
                PolicyState now = runtime.policyStates().get(handler);
                return now != null && state.holds().test(now) ? 1 : 0;
            })
                    .description("The handler's delivery policy state: 1 for each it is in (breaker closed, open,"
                            + " half_open; disabled by a 410; paused by a 429)")
                    .tag("handler", handler)
                    .tag("state", state.name())
                    .register(registry));
        }
        return gauges;
    }
}
