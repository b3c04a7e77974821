package dev.switchboard.core.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.schibsted.spt.data.jslt.Expression;
import com.schibsted.spt.data.jslt.JsltException;
import dev.switchboard.api.DeliveryException;
import dev.switchboard.api.PayloadTemplate;
import dev.switchboard.api.WorkflowEvent;
import java.util.Map;

/** One compiled JSLT template; its input is the event in the seed's shape, {@code $event_id} its id. */
final class JsltPayloadTemplate implements PayloadTemplate {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Expression expression;
    private final String key;

    JsltPayloadTemplate(Expression expression, String key) {
        this.expression = expression;
        this.key = key;
    }

    @Override
    public Object render(WorkflowEvent event) throws DeliveryException {
        JsonNode input = MAPPER.valueToTree(event.toSeedMap());
        JsonNode id = event.id() == null ? NullNode.getInstance() : TextNode.valueOf(event.id());
        JsonNode output;
        try {
            output = expression.apply(Map.of("event_id", id), input);
        } catch (JsltException | IllegalArgumentException | ArithmeticException e) {
            // JSLT builds the whole output before returning it: a failure leaves nothing half-built to send.
            throw DeliveryException.permanent("config." + key + " failed for this event: "
                    + JsltTemplates.oneLine(e instanceof JsltException jslt ? jslt.getMessageWithoutLocation()
                    : e.getMessage()));
        }
        if (output == null || output.isNull() || output.isMissingNode()) {
            throw DeliveryException.permanent("config." + key + " produced null for this event; nothing was sent");
        }
        return MAPPER.convertValue(output, Object.class);
    }

    @Override
    public String toString() {
        return "JSLT template from config." + key;
    }
}
