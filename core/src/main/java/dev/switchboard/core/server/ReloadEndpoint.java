package dev.switchboard.core.server;

import dev.switchboard.core.ConfigReload;
import dev.switchboard.core.Switchboard;
import dev.switchboard.core.config.ConfigProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;

/**
 * {@code POST /v1/admin/reload}: reads handlers.yaml again (see {@link Switchboard#reload()}); 200
 * with the new {@code config_hash} and the handlers {@code added}, {@code replaced} and
 * {@code removed}, or 400 with every mistake under {@code errors} ({@code FILE:LINE:COLUMN: message}
 * lines), the running configuration unchanged.
 */
final class ReloadEndpoint implements Endpoint {

    private final Switchboard switchboard;

    ReloadEndpoint(Switchboard switchboard) {
        this.switchboard = switchboard;
    }

    @Override
    public void handle(Exchange exchange) throws ApiError {
        ConfigReload done;
        try {
            done = switchboard.reload();
        } catch (ConfigProblem problem) {
            throw new ApiError(HttpStatus.BAD_REQUEST_400, "the configuration was not reloaded; the running one stays")
                    .with("errors", problem.lines());
        } catch (IllegalStateException noFile) {
            throw new ApiError(HttpStatus.CONFLICT_409, noFile.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("config_hash", done.hash());
        answer.put("added", done.added());
        answer.put("replaced", done.replaced());
        answer.put("removed", done.removed());
        exchange.json(HttpStatus.OK_200, answer);
    }
}
