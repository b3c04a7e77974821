package dev.switchboard.core.delivery;

import dev.switchboard.api.WorkflowEvent;

/** One event on its way to one handler. Kept small: a stalled receiver can queue many. */
final class Delivery {

    final WorkflowEvent event;
    int attempts;

    Delivery(WorkflowEvent event) {
        this.event = event;
    }
}
