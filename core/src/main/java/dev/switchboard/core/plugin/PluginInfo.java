package dev.switchboard.core.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A plugin that loaded and started, with the types it provides.
 *
 * @param id its {@code Plugin-Id}
 * @param version its {@code Plugin-Version}
 * @param jar its JAR in the plugins folder
 * @param handlerTypes the handler types it provides, sorted, including any that another
 *     factory provides too (see {@link PluginCatalog#conflicts()})
 * @param filterTypes the filter types it provides, sorted
 * @param warnings what is wrong with it though it loaded, one line each, e.g. that it provides
 *     no type at all
 * @since 0.1
 */
public record PluginInfo(String id, String version, Path jar, List<String> handlerTypes,
                         List<String> filterTypes, List<String> warnings) {

    /** Sorts the type lists, each type once, and freezes the lists. */
    public PluginInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(jar, "jar");
        handlerTypes = handlerTypes.stream().distinct().sorted().toList();
        filterTypes = filterTypes.stream().distinct().sorted().toList();
        warnings = List.copyOf(warnings);
    }
}
