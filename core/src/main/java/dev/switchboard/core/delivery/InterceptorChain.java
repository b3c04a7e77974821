package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A position in the pipeline; {@link #proceed} builds the next link. As OkHttp's chain does, it
 * refuses a second {@code proceed} from the same link, naming the interceptor that made it.
 */
final class InterceptorChain implements DeliveryInterceptor.Chain {

    private final List<DeliveryInterceptor> interceptors;
    private final int index;
    private final WorkflowEvent event;
    private final HandlerInvoker handler;
    private boolean proceeded;

    InterceptorChain(List<DeliveryInterceptor> interceptors, int index, WorkflowEvent event,
                     HandlerInvoker handler) {
        this.interceptors = interceptors;
        this.index = index;
        this.event = event;
        this.handler = handler;
    }

    @Override
    public WorkflowEvent event() {
        return event;
    }

    @Override
    public CompletionStage<Void> proceed(WorkflowEvent next) {
        if (proceeded) {
            String caller = index == 0 ? "the lane" : "interceptor " + interceptors.get(index - 1);
            throw new IllegalStateException(caller + " must call proceed() at most once");
        }
        proceeded = true;
        if (index == interceptors.size()) {
            return handler.invoke(next);
        }
        DeliveryInterceptor interceptor = interceptors.get(index);
        CompletionStage<Void> result = interceptor.intercept(
                new InterceptorChain(interceptors, index + 1, next, handler));
        if (result == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "interceptor " + interceptor + " returned null"));
        }
        return result;
    }
}
