package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The image tarball that {@code mvn package -Pimage} writes ({@code docker save} format), read as
 * {@code docker load} reads it: its configuration, its layers in order, and the files they hold.
 */
final class ContainerImage {

    private static final ObjectMapper JSON = new ObjectMapper();

    final String tag;
    final JsonNode config;
    /** The layers' archives, base first. */
    final List<byte[]> layers = new ArrayList<>();
    /** Every file of every layer by path (no leading slash), the later layers' over the earlier ones'. */
    final Map<String, TarContents.Entry> files = new HashMap<>();

    private ContainerImage(Path tarball) throws IOException {
        assertThat(tarball).as("the image tarball: build with -Pimage").exists();
        Map<String, TarContents.Entry> outer = TarContents.read(tarball);
        JsonNode manifest = JSON.readTree(outer.get("manifest.json").content()).get(0);
        tag = manifest.get("RepoTags").get(0).asText();
        config = JSON.readTree(outer.get(manifest.get("Config").asText()).content());
        for (JsonNode layer : manifest.get("Layers")) {
            byte[] archive = outer.get(layer.asText()).content();
            layers.add(archive);
            files.putAll(TarContents.read(archive));
        }
    }

    /** @return the image the build wrote, at the path of the {@code image.tar} property */
    static ContainerImage built() throws IOException {
        return new ContainerImage(Path.of(ImageFacts.property("image.tar")));
    }

    List<String> strings(String pointer) {
        List<String> list = new ArrayList<>();
        config.at(pointer).forEach(item -> list.add(item.asText()));
        return list;
    }

    List<String> names(String pointer) {
        List<String> list = new ArrayList<>();
        config.at(pointer).fieldNames().forEachRemaining(list::add);
        return list;
    }

    /** @return the entry at an absolute path in the image, or null */
    TarContents.Entry file(String absolute) {
        return files.get(absolute.replaceFirst("^/", ""));
    }
}
