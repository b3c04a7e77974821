/**
 * The Switchboard plugin API: the event ({@link dev.switchboard.api.WorkflowEvent}), the handler
 * contracts ({@link dev.switchboard.api.EventHandler},
 * {@link dev.switchboard.api.AsyncEventHandler}, {@link dev.switchboard.api.WebhookEventHandler}),
 * filters, configuration access and failures. Depends on the JDK alone.
 *
 * @since 0.1
 */
package dev.switchboard.api;
