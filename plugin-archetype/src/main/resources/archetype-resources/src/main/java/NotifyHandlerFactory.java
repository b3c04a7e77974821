package ${package};

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.ConfigKey;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HandlerContext;
import dev.switchboard.api.spi.HandlerFactory;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * Creates {@code type: ${handlerType}} handlers, which POST a one-line summary of each event to
 * {@code config.url}:
 *
 * <pre>
 * handlers:
 *   - name: team-chat
 *     type: ${handlerType}
 *     events: [error, workflow_complete]
 *     config:
 *       url: ${CHAT_WEBHOOK_URL}
 *       prefix: "[prod]"
 * </pre>
 *
 * <p>Found by the runtime through {@code META-INF/services/dev.switchboard.api.spi.HandlerFactory}.
 */
public final class NotifyHandlerFactory implements HandlerFactory {

    /** Creates the factory; the runtime finds it through {@link java.util.ServiceLoader}. */
    public NotifyHandlerFactory() {
    }

    @Override
    public String type() {
        return "${handlerType}";
    }

    /**
     * The runtime checks every {@code config:} block against these before {@link #create}: an
     * unknown key, a wrong type or a missing {@code url} is reported at its line in handlers.yaml,
     * and {@code switchboard schema} lists them for editors.
     */
    @Override
    public List<ConfigKey> configKeys() {
        return List.of(
                ConfigKey.string("url", "The http:// or https:// URL each summary is POSTed to").required().secret(),
                ConfigKey.string("prefix", "Text put before each summary").defaultValue(NotifyHandler.DEFAULT_PREFIX));
    }

    /** Reads and checks the whole block; sends nothing (validate calls this too). */
    @Override
    public EventHandler create(HandlerContext context) {
        String url = context.config().secret("url");
        String prefix = context.config().string("prefix", NotifyHandler.DEFAULT_PREFIX);
        return new NotifyHandler(context, checkedUrl(url), prefix);
    }

    private static String checkedUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The URL may hold a token: say what is wrong, never the value.
            throw new ConfigException("url", "is not a valid URL");
        }
        String scheme = uri.getScheme();
        boolean web = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
        if (!web || uri.getHost() == null) {
            throw new ConfigException("url", "must be an absolute http:// or https:// URL");
        }
        return url;
    }
}
