package dev.switchboard.core.delivery;

import dev.switchboard.api.EventFilter;

/** A filter created by its plugin for one handler, with the plugin's class loader. */
public record ResolvedFilter(String type, EventFilter filter, ClassLoader loader) {
}
