package dev.switchboard.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.api.HandlerConfig;
import dev.switchboard.core.config.HandlersConfigLoader;
import dev.switchboard.core.config.RuntimeConfig;
import dev.switchboard.core.server.SwitchboardServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every manifest of deploy/kubernetes, checked against the image (its port, user, paths) and the
 * server's own reading of the handlers.yaml each folder ships, so that neither can drift.
 */
class KubernetesManifestsTest {

    private static final ImageFacts IMAGE = ImageFacts.fromBuild();
    /** What the runtime needs after drain and shutdown to close its handlers and exit. */
    private static final Duration CLOSE_MIN = Duration.ofSeconds(5);
    private static final Duration CLOSE_MAX = Duration.ofSeconds(30);

    @TempDir
    Path work;

    static Stream<KubernetesFolder> folders() {
        return KubernetesFolder.all().stream();
    }

    @Test
    void thereIsAPostgresVariantAndASingleNodeVariant() {
        assertThat(KubernetesFolder.all()).extracting(folder -> folder.name)
                .containsExactlyInAnyOrder("postgres", "single-node");
    }

    @ParameterizedTest
    @MethodSource("folders")
    void theKustomizationListsEveryFileOfItsFolderAndTagsTheBuiltImage(KubernetesFolder folder) {
        Set<String> listed = new TreeSet<>();
        folder.kustomization.get("resources").items().forEach(item -> listed.add(item.text()));
        folder.kustomization.get("configMapGenerator").named("switchboard-config").get("files").items()
                .forEach(item -> listed.add(item.text()));
        listed.add("kustomization.yaml");
        assertThat(listed).as(folder.name + ": files kustomization.yaml lists").containsExactlyInAnyOrderElementsOf(folder.files());

        YamlNode image = folder.kustomization.get("images").named(IMAGE.name());
        assertThat(image.get("newTag").text()).isEqualTo(System.getProperty("project.version"));
        assertThat(folder.container().get("image").text()).isEqualTo(IMAGE.name());
    }

    @ParameterizedTest
    @MethodSource("folders")
    void everyDocumentNamesItsApiVersionKindAndName(KubernetesFolder folder) {
        assertThat(folder.documents).isNotEmpty().allSatisfy(doc -> {
            assertThat(doc.get("apiVersion").text()).isNotBlank();
            assertThat(doc.get("kind").text()).isIn("Deployment", "Service", "PersistentVolumeClaim");
            assertThat(doc.at("metadata.name").text()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        });
    }

    @ParameterizedTest
    @MethodSource("folders")
    void theContainerRunsAsTheImagesUserOnItsPortWithTheConfigWhereTheImageReadsIt(KubernetesFolder folder) {
        YamlNode pod = folder.podSpec();
        YamlNode container = folder.container();
        assertThat(pod.at("securityContext.runAsNonRoot").value()).isEqualTo(true);
        assertThat(pod.at("securityContext.runAsUser").integer()).isEqualTo(IMAGE.user()).isNotZero();
        assertThat(container.at("securityContext.allowPrivilegeEscalation").value()).isEqualTo(false);

        YamlNode port = container.get("ports").named("http");
        assertThat(port.get("containerPort").integer()).isEqualTo(IMAGE.port());
        YamlNode service = folder.kind("Service");
        assertThat(service.at("spec.ports").named("http").get("targetPort").text()).isEqualTo("http");
        assertThat(service.at("spec.selector").value())
                .isEqualTo(folder.kind("Deployment").at("spec.template.metadata.labels").value())
                .isEqualTo(folder.kind("Deployment").at("spec.selector.matchLabels").value());

        YamlNode config = container.get("volumeMounts").named("config");
        assertThat(config.get("mountPath").text()).isEqualTo(IMAGE.configFile());
        assertThat(config.get("subPath").text()).isEqualTo("handlers.yaml");
        assertThat(pod.get("volumes").named("config").at("configMap.name").text()).isEqualTo("switchboard-config");
        assertThat(container.get("volumeMounts").named("data").get("mountPath").text()).isEqualTo(IMAGE.data());
    }

    @ParameterizedTest
    @MethodSource("folders")
    void theConfigLeavesTheAddressToTheImageAndIsAValidServerSection(KubernetesFolder folder) throws Exception {
        RuntimeConfig config = parse(folder, anyEnv());
        assertThat(config.server().has("host")).as(folder.name + ": server.host (the image's command sets it)").isFalse();
        assertThat(config.server().has("port")).as(folder.name + ": server.port (the image's command sets it)").isFalse();
        SwitchboardServer.checkSettings(config);
    }

    @ParameterizedTest
    @MethodSource("folders")
    void everyVariableTheConfigReadsIsInTheContainerEnvAndEverySecretComesFromTheSecret(KubernetesFolder folder)
            throws Exception {
        Set<String> read = new TreeSet<>();
        parse(folder, new HashMap<>() {
            @Override
            public String get(Object name) {
                read.add((String) name);
                return "value-of-" + name;
            }
        });
        YamlNode env = folder.container().get("env");
        Set<String> fromSecret = env.items().stream().filter(item -> item.opt("valueFrom").present())
                .map(item -> item.get("name").text()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(read).as(folder.name + ": variables handlers.yaml reads").contains("SWITCHBOARD_API_KEY")
                .isEqualTo(fromSecret);
        for (String name : fromSecret) {
            YamlNode ref = env.named(name).at("valueFrom.secretKeyRef");
            assertThat(ref.get("name").text()).isEqualTo("switchboard");
            assertThat(ref.get("key").text()).isNotBlank();
        }
    }

    @Test
    void thePostgresVariantRunsThreeReplicasOnThePostgresStoreWithItsPasswordFromTheSecret() throws Exception {
        KubernetesFolder folder = KubernetesFolder.named("postgres");
        assertThat(folder.kind("Deployment").at("spec.replicas").integer()).isEqualTo(3);
        HandlerConfig store = parse(folder, anyEnv()).store();
        assertThat(store.string("type")).isEqualTo("postgres");
        assertThat(store.string("url")).startsWith("jdbc:postgresql://");
        assertThat(store.string("user")).isNotBlank();
        assertThat(folder.handlersYaml()).contains("password: ${PGPASSWORD}");
        assertThat(folder.container().get("env").named("PGPASSWORD").at("valueFrom.secretKeyRef.key").text())
                .isEqualTo("postgres-password");
    }

    @Test
    void theSingleNodeVariantRunsOneReplicaOnSqliteInTheClaimAndNeverTwoPodsAtOnce() throws Exception {
        KubernetesFolder folder = KubernetesFolder.named("single-node");
        YamlNode deployment = folder.kind("Deployment");
        assertThat(deployment.at("spec.replicas").integer()).isEqualTo(1);
        assertThat(deployment.at("spec.strategy.type").text()).isEqualTo("Recreate");
        HandlerConfig store = parse(folder, anyEnv()).store();
        assertThat(store.string("type", "sqlite")).isEqualTo("sqlite");
        assertThat(store.has("path")).as("store.path: the store must stay in the data folder, on the claim").isFalse();

        YamlNode claim = folder.kind("PersistentVolumeClaim");
        assertThat(claim.at("spec.accessModes").items()).extracting(YamlNode::text).containsExactly("ReadWriteOnce");
        assertThat(folder.podSpec().get("volumes").named("data").at("persistentVolumeClaim.claimName").text())
                .isEqualTo(claim.at("metadata.name").text());
    }

    @ParameterizedTest
    @MethodSource("folders")
    void theGraceCoversDrainAndShutdownAndReadinessSeesTheDrain(KubernetesFolder folder) throws Exception {
        HandlerConfig timeouts = parse(folder, anyEnv()).server().section("timeouts");
        Duration drain = timeouts.duration("drain", null);
        Duration shutdown = timeouts.duration("shutdown", null);
        assertThat(drain).as(folder.name + ": handlers.yaml must state server.timeouts.drain").isNotNull();
        assertThat(shutdown).as(folder.name + ": handlers.yaml must state server.timeouts.shutdown").isNotNull();

        Duration grace = Duration.ofSeconds(folder.podSpec().get("terminationGracePeriodSeconds").integer());
        assertThat(grace.minus(drain).minus(shutdown)).as(folder.name
                + ": terminationGracePeriodSeconds - drain - shutdown (time to close handlers)")
                .isBetween(CLOSE_MIN, CLOSE_MAX);

        YamlNode readiness = folder.container().get("readinessProbe");
        Duration seen = Duration.ofSeconds((long) readiness.get("periodSeconds").integer()
                * readiness.get("failureThreshold").integer());
        assertThat(seen).as(folder.name + ": how long readiness takes to see a 503").isLessThanOrEqualTo(drain);
    }

    @Test
    void theServerReadsTheSingleNodeConfigAsTheManifestsDoAndAnswersTheProbesWithoutAKey() throws Exception {
        KubernetesFolder folder = KubernetesFolder.named("single-node");
        Path plugins = Files.createDirectory(work.resolve("plugins"));
        try (SwitchboardServer server = SwitchboardServer.builder().configText(folder.handlersYaml())
                .environment(Map.of("SWITCHBOARD_API_KEY", "k8s-test-key")).pluginsDir(plugins)
                .dataDir(work.resolve("data")).host("127.0.0.1").port(0).start()) {
            HandlerConfig timeouts = parse(folder, anyEnv()).server().section("timeouts");
            assertThat(server.drain()).isEqualTo(timeouts.duration("drain", null));
            assertThat(server.shutdownGrace()).isEqualTo(timeouts.duration("shutdown", null));
            for (KubernetesFolder each : KubernetesFolder.all()) {
                YamlNode container = each.container();
                for (String probe : new String[] {"startupProbe", "livenessProbe", "readinessProbe"}) {
                    YamlNode get = container.at(probe + ".httpGet");
                    assertThat(get.get("port").text()).isEqualTo("http");
                    assertThat(status(server, get.get("path").text())).as(each.name + ": " + probe).isEqualTo(200);
                }
                assertThat(container.at("livenessProbe.httpGet.path").text()).isEqualTo("/healthz");
                assertThat(container.at("readinessProbe.httpGet.path").text()).isEqualTo("/readyz");
            }
            assertThat(status(server, "/v1/handlers")).as("the API needs the key, the probes do not").isEqualTo(401);
        }
    }

    private static int status(SwitchboardServer server, String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.uri().toString()).resolve(path))
                .timeout(Duration.ofSeconds(5)).build();
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** An environment with every variable set (to its own name). */
    private static Map<String, String> anyEnv() {
        return new HashMap<>() {
            @Override
            public String get(Object name) {
                return "value-of-" + name;
            }
        };
    }

    private static RuntimeConfig parse(KubernetesFolder folder, Map<String, String> env) throws Exception {
        return HandlersConfigLoader.parse(folder.name + "/handlers.yaml", folder.handlersYaml(), env);
    }
}
