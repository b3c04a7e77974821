package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;
import java.util.concurrent.CompletionStage;

/**
 * Per-attempt middleware around a handler (redaction, plugin filters, …), in the manner of
 * OkHttp's interceptors: each link sees the event, may change it, and must call
 * {@link Chain#proceed} at most once; not calling it drops the event for this handler.
 */
interface DeliveryInterceptor {

    CompletionStage<Void> intercept(Chain chain);

    /** The rest of the pipeline, from this link on. */
    interface Chain {

        WorkflowEvent event();

        CompletionStage<Void> proceed(WorkflowEvent event);
    }
}
