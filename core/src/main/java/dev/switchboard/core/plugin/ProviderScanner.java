package dev.switchboard.core.plugin;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.Spliterator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the providers of one service in one place (a plugin JAR, or the host class path) with
 * {@link ServiceLoader}, as Kafka Connect's plugin scanner does: each provider's class is checked
 * before it is instantiated, and each provider is guarded on its own, so that one broken provider
 * is reported and never hides the others.
 */
final class ProviderScanner {

    /**
     * A provider that was created and named its type.
     *
     * @param provider the instance
     * @param type what its {@code type()} returned
     * @param className its class
     * @param classLoader the class loader that defined its class
     */
    record Found<S>(S provider, String type, String className, ClassLoader classLoader) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProviderScanner.class);
    private static final Pattern VALID_TYPE = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    // ServiceLoader moves past a failed line, so this only guards against a loop that does not.
    private static final int MAX_ERRORS = 1000;

    private final Path jar;
    private final ClassLoader lookup;
    private final ClassLoader owner;
    private final Consumer<PluginFailure> failures;

    private ProviderScanner(Path jar, ClassLoader lookup, ClassLoader owner,
                            Consumer<PluginFailure> failures) {
        this.jar = jar;
        this.lookup = lookup;
        this.owner = owner;
        this.failures = failures;
    }

    /** Scans the host class path: every provider that {@code host} sees is the host's. */
    static ProviderScanner forHost(ClassLoader host, Consumer<PluginFailure> failures) {
        return new ProviderScanner(null, host, null, failures);
    }

    /** Scans one plugin JAR: its own service files, keeping only classes its loader defined. */
    static ProviderScanner forPlugin(Path jar, URLClassLoader plugin,
                                     Consumer<PluginFailure> failures) {
        return new ProviderScanner(jar, new OwnResourcesView(plugin), plugin, failures);
    }

    /**
     * @param service the service interface
     * @param typeOf calls the provider's {@code type()}
     * @return the providers that could be created, in service-file order
     */
    <S> List<Found<S>> scan(Class<S> service, Function<S, String> typeOf) {
        Set<String> unseen = ServiceFileNames.read(lookup, service);
        Spliterator<ServiceLoader.Provider<S>> providers =
                ServiceLoader.load(service, lookup).stream().spliterator();
        List<Found<S>> found = new ArrayList<>();
        List<ServiceLoader.Provider<S>> next = new ArrayList<>(1);
        for (int errors = 0; errors < MAX_ERRORS; ) {
            next.clear();
            try {
                if (!providers.tryAdvance(next::add)) {
                    break;
                }
            } catch (ServiceConfigurationError e) {
                ProviderError error = ProviderError.of(e, service);
                unseen.remove(error.className());
                report(error.className(), error.reason());
                errors++;
                continue;
            } catch (LinkageError e) {
                // Thrown bare by Class.forName, e.g. when the provider's superclass is missing.
                String className = takeFirst(unseen);
                report(className, "cannot be loaded: " + Reasons.of(e));
                errors++;
                continue;
            }
            ServiceLoader.Provider<S> provider = next.get(0);
            Class<? extends S> type = provider.type();
            unseen.remove(type.getName());
            if (owner != null && type.getClassLoader() != owner) {
                log.debug("{}: ignoring {}, which the plugin does not define", jar, type.getName());
                continue;
            }
            Found<S> created = create(service, provider, type, typeOf);
            if (created != null) {
                found.add(created);
            }
        }
        return found;
    }

    private <S> Found<S> create(Class<S> service, ServiceLoader.Provider<S> provider,
                                Class<? extends S> type, Function<S, String> typeOf) {
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : lookup;
        S instance;
        try {
            instance = ContextClassLoaders.callWith(loader, provider::get);
        } catch (ServiceConfigurationError e) {
            report(type.getName(), ProviderError.of(e, service).reason());
            return null;
        } catch (RuntimeException | LinkageError e) {
            report(type.getName(), "could not be created: " + Reasons.of(e));
            return null;
        }
        String name;
        try {
            name = ContextClassLoaders.callWith(loader, () -> typeOf.apply(instance));
        } catch (RuntimeException | LinkageError e) {
            report(type.getName(), "type() failed: " + Reasons.of(e));
            return null;
        }
        if (name == null || !VALID_TYPE.matcher(name).matches()) {
            report(type.getName(), "type() returned " + (name == null ? "null" : "'" + name + "'")
                    + "; a type is lowercase letters, digits, '-' and '_'");
            return null;
        }
        return new Found<>(instance, name, type.getName(), loader);
    }

    private void report(String className, String reason) {
        failures.accept(new PluginFailure(jar, className, reason));
    }

    private static String takeFirst(Set<String> names) {
        Iterator<String> first = names.iterator();
        if (!first.hasNext()) {
            return null;
        }
        String name = first.next();
        first.remove();
        return name;
    }
}
