package dev.switchboard.core;

import dev.switchboard.api.ConfigException;
import dev.switchboard.api.EventFilter;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.HttpTransport;
import dev.switchboard.core.config.ConfigErrors;
import dev.switchboard.core.config.ConfigProblem;
import dev.switchboard.core.config.DeclaredKeys;
import dev.switchboard.core.config.FilterSpec;
import dev.switchboard.core.config.HandlerSpec;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.delivery.DeliveryEngine;
import dev.switchboard.core.delivery.ResolvedFilter;
import dev.switchboard.core.http.SigningTransport;
import dev.switchboard.core.plugin.FilterFactoryEntry;
import dev.switchboard.core.plugin.HandlerFactoryEntry;
import dev.switchboard.core.plugin.PluginCatalog;
import dev.switchboard.core.template.TemplateSyntaxError;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates every handler and filter of a configuration with its plugin's factory and adds them to
 * the engine. Collects every mistake (unknown type, config a plugin rejects) as one line each.
 */
final class HandlerAssembler {

    private final PluginCatalog catalog;
    private final SigningTransport http;
    private final Clock clock;
    private final List<String> problems = new ArrayList<>();
    private final List<EventHandler> created = new ArrayList<>();

    HandlerAssembler(PluginCatalog catalog, SigningTransport http, Clock clock) {
        this.catalog = catalog;
        this.http = http;
        this.clock = clock;
    }

    /** Receives each handler created, with its plugin's factory and its filters. */
    interface Sink {
        void add(HandlerSpec spec, EventHandler handler, HandlerFactoryEntry factory, List<ResolvedFilter> filters);
    }

    void assemble(RuntimeConfig config, DeliveryEngine engine) throws ConfigProblem {
        assemble(config, (spec, handler, factory, filters) ->
                engine.addHandler(spec, handler, factory.origin(), factory.classLoader(), filters));
    }

    /** Creates every handler, or none: on any mistake those created are closed and every mistake thrown. */
    void assemble(RuntimeConfig config, Sink sink) throws ConfigProblem {
        for (HandlerSpec spec : config.handlers()) {
            Optional<HandlerFactoryEntry> factory = catalog.handlerFactory(spec.type());
            if (factory.isEmpty()) {
                problems.add(spec.typePosition() + ": handler '" + spec.name() + "': unknown type '"
                        + spec.type() + "'; installed types: " + catalog.describeHandlerTypes());
                continue;
            }
            List<ResolvedFilter> filters = filters(spec);
            EventHandler handler = create(spec, factory.get());
            if (handler != null && problems.isEmpty()) {
                sink.add(spec, handler, factory.get(), filters);
            }
        }
        if (!problems.isEmpty()) {
            closeCreated();
            throw new ConfigProblem(problems);
        }
    }

    private EventHandler create(HandlerSpec spec, HandlerFactoryEntry factory) {
        // The "sign" step: a signed handler's own view of the pool signs every request it sends.
        HttpTransport transport = spec.signing() == null ? http : http.signingWith(spec.signing().keys());
        RuntimeHandlerContext context = new RuntimeHandlerContext(spec.name(), spec.config(), transport, clock,
                RuntimeVersion.get());
        try {
            List<String> undeclared = DeclaredKeys.check(spec.config(), factory.configKeys(),
                    "handler '" + spec.name() + "'", "type " + spec.type());
            if (!undeclared.isEmpty()) {
                problems.addAll(undeclared);
                return null;
            }
            EventHandler handler = factory.create(context);
            created.add(handler);
            WebhookUrlCheck.check(spec.config(), handler);
            if (spec.signing() != null && !context.httpTaken().get()) {
                problems.add(spec.signing().position() + ": handler '" + spec.name() + "': signing: type '"
                        + spec.type() + "' sends nothing through the runtime's HTTP transport, so it has nothing"
                        + " to sign; remove signing:");
            }
            return handler;
        } catch (TemplateSyntaxError e) {
            problems.add(e.location() + ": handler '" + spec.name() + "': config." + e.key() + " "
                    + e.getMessage());
        } catch (ConfigException e) {
            problems.add(ConfigErrors.forHandler(spec, e));
        } catch (RuntimeException | LinkageError e) {
            problems.add(spec.typePosition() + ": handler '" + spec.name() + "': plugin '" + factory.origin()
                    + "' failed to create it: " + e);
        }
        return null;
    }

    private List<ResolvedFilter> filters(HandlerSpec spec) {
        List<ResolvedFilter> resolved = new ArrayList<>();
        for (FilterSpec filterSpec : spec.filters()) {
            Optional<FilterFactoryEntry> factory = catalog.filterFactory(filterSpec.type());
            if (factory.isEmpty()) {
                problems.add(filterSpec.position() + ": handler '" + spec.name() + "': unknown filter '"
                        + filterSpec.type() + "'; installed filters: " + catalog.describeFilterTypes());
                continue;
            }
            RuntimeHandlerContext context = new RuntimeHandlerContext(spec.name(), filterSpec.config(), http,
                    clock, RuntimeVersion.get());
            try {
                List<String> undeclared = DeclaredKeys.check(filterSpec.config(), factory.get().configKeys(),
                        "handler '" + spec.name() + "': filter '" + filterSpec.type() + "'",
                        "filter " + filterSpec.type());
                if (!undeclared.isEmpty()) {
                    problems.addAll(undeclared);
                    continue;
                }
                EventFilter filter = factory.get().create(context);
                resolved.add(new ResolvedFilter(filterSpec.type(), filter, factory.get().classLoader()));
            } catch (ConfigException e) {
                problems.add(ConfigErrors.forFilter(spec, filterSpec, e));
            } catch (RuntimeException | LinkageError e) {
                problems.add(filterSpec.position() + ": handler '" + spec.name() + "': filter '"
                        + filterSpec.type() + "' failed to start: " + e);
            }
        }
        return resolved;
    }

    private void closeCreated() {
        for (EventHandler handler : created) {
            try {
                handler.close();
            } catch (Exception ignored) {
                // The configuration is being rejected; a handler that cannot close changes nothing.
            }
        }
    }
}
