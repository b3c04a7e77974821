package dev.switchboard.api;

/**
 * A handler's payload template: a JSON-to-JSON transformation of the event, written by the user in
 * {@code config.template} (inline) or {@code config.template_file}, compiled once by the runtime
 * when the handler is created. A handler obtains it through {@link HandlerContext#payloadTemplate()}
 * and sends what {@link #render} returns as its body.
 *
 * <p>The template's input is the event in the seed's JSON shape ({@code event_type},
 * {@code timestamp}, {@code session_id}, {@code spec_name}, {@code pattern_type}, {@code data}),
 * after redaction and filters; the event's id is available to the template as {@code $event_id}.
 *
 * <p>Thread-safe and immutable: the runtime calls it from several threads at once.
 *
 * @since 0.2
 */
public interface PayloadTemplate {

    /**
     * Transforms one event. Called once per attempt, on the delivering thread; does not block.
     *
     * @param event the event, already redacted and filtered; never null
     * @return a JSON tree (maps, lists, strings, numbers, booleans); never null
     * @throws DeliveryException a permanent one, when the template fails for this event (it calls
     *     {@code error(...)}, applies a function to a value of the wrong type, or produces
     *     {@code null}); its message says why. Nothing is then sent for the event.
     */
    Object render(WorkflowEvent event) throws DeliveryException;
}
