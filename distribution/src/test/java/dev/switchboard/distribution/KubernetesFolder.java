package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One folder of {@code deploy/kubernetes} as {@code kubectl apply -k} reads it: its
 * kustomization.yaml, the documents of the resources it lists, and the handlers.yaml it turns
 * into a ConfigMap.
 */
final class KubernetesFolder {

    static final Path ROOT = Path.of(System.getProperty("switchboard.repo")).toAbsolutePath().normalize()
            .resolve("deploy/kubernetes");

    final String name;
    final Path dir;
    final YamlNode kustomization;
    final List<YamlNode> documents = new ArrayList<>();

    private KubernetesFolder(Path dir) {
        this.dir = dir;
        this.name = dir.getFileName().toString();
        this.kustomization = parse("kustomization.yaml").get(0);
        for (YamlNode resource : kustomization.get("resources").items()) {
            documents.addAll(parse(resource.text()));
        }
    }

    static List<KubernetesFolder> all() {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            List<KubernetesFolder> folders = dirs.filter(Files::isDirectory).sorted().map(KubernetesFolder::new).toList();
            assertThat(folders).as("folders of " + ROOT).isNotEmpty();
            return folders;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KubernetesFolder named(String name) {
        return new KubernetesFolder(ROOT.resolve(name));
    }

    /** @return the one document of that kind */
    YamlNode kind(String kind) {
        List<YamlNode> found = documents.stream().filter(doc -> kind.equals(doc.get("kind").value())).toList();
        assertThat(found).as(name + ": documents of kind " + kind).hasSize(1);
        return found.get(0);
    }

    YamlNode podSpec() {
        return kind("Deployment").at("spec.template.spec");
    }

    YamlNode container() {
        return podSpec().get("containers").named("switchboard");
    }

    String handlersYaml() {
        return read("handlers.yaml");
    }

    /** @return the names of the files in this folder */
    List<String> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<YamlNode> parse(String file) {
        List<YamlNode> parsed = new ArrayList<>();
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        for (Object document : yaml.loadAll(read(file))) {
            if (document != null) {
                parsed.add(YamlNode.root(document, name + "/" + file));
            }
        }
        assertThat(parsed).as(name + "/" + file + " holds no document").isNotEmpty();
        return parsed;
    }

    @Override
    public String toString() {
        return name;
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
