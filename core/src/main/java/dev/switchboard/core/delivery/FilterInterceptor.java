package dev.switchboard.core.delivery;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.core.plugin.ContextClassLoaders;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A plugin's {@link EventFilter}, run with the plugin's class loader as context loader. */
final class FilterInterceptor implements DeliveryInterceptor {

    private final String type;
    private final EventFilter filter;
    private final ClassLoader loader;

    FilterInterceptor(String type, EventFilter filter, ClassLoader loader) {
        this.type = type;
        this.filter = filter;
        this.loader = loader;
    }

    @Override
    public CompletionStage<Void> intercept(Chain chain) {
        WorkflowEvent filtered = ContextClassLoaders.callWith(loader, () -> filter.apply(chain.event()));
        if (filtered == null) {
            return CompletableFuture.completedFuture(null);
        }
        return chain.proceed(filtered);
    }

    @Override
    public String toString() {
        return "filter '" + type + "'";
    }
}
