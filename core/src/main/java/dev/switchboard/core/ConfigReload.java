package dev.switchboard.core;

import java.util.List;

/**
 * What a successful {@link Switchboard#reload()} did.
 *
 * @param hash the SHA-256 of the configuration file now loaded, in hex
 * @param added handlers that were not configured before and now run
 * @param replaced handlers configured before and again, re-created from the new file and swapped in
 * @param removed handlers no longer configured: they take no new events; what they had not
 *     delivered stays in the store until they are configured again
 * @since 0.2
 */
public record ConfigReload(String hash, List<String> added, List<String> replaced, List<String> removed) {

    /** Copies the lists. */
    public ConfigReload {
        added = List.copyOf(added);
        replaced = List.copyOf(replaced);
        removed = List.copyOf(removed);
    }
}
