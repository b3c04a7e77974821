package dev.switchboard.core.cli;

import dev.switchboard.api.ConfigKey;
import dev.switchboard.core.plugin.FilterFactoryEntry;
import dev.switchboard.core.plugin.HandlerFactoryEntry;
import java.util.List;
import java.util.function.Supplier;

/** Asks a factory for its declared keys; one that fails to answer is listed as declaring none, with a warning. */
final class DeclaredKeysOf {

    private DeclaredKeysOf() {
    }

    static List<ConfigKey> handler(HandlerFactoryEntry entry) {
        return ask(entry::configKeys, entry.factory().type(), entry.origin());
    }

    static List<ConfigKey> filter(FilterFactoryEntry entry) {
        return ask(entry::configKeys, entry.factory().type(), entry.origin());
    }

    private static List<ConfigKey> ask(Supplier<List<ConfigKey>> keys, String type, String origin) {
        try {
            return keys.get();
        } catch (RuntimeException | LinkageError e) {
            System.err.println("warning: type '" + type + "' of " + origin + ": configKeys() failed: " + e);
            return null;
        }
    }
}
