package dev.switchboard.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.switchboard.api.EventFilter;
import dev.switchboard.api.EventHandler;
import dev.switchboard.api.WorkflowEvent;
import dev.switchboard.api.spi.HandlerFactory;
import dev.switchboard.core.testing.TestHandlerContext;
import dev.switchboard.core.testing.TestPluginJar;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pf4j.PluginClassLoader;

/**
 * Discovery over real plugin JARs, compiled at test time and dropped into a real plugins folder.
 * Most tests give the catalog a host class path of their own (a class loader that shows only the
 * service files of the host JARs a test names), so that what the core itself ships does not
 * change their outcome.
 */
class PluginCatalogTest {

    private static final String RUNTIME = "0.1.0";
    private static final WorkflowEvent EVENT =
            WorkflowEvent.builder("workflow_start").specName("research").build();

    /** What a bundled class file would be if the plugin's loader ever read it. */
    private static final byte[] GARBAGE = {0, 1, 2, 3};

    @TempDir
    static Path built;
    private static Path greeter;
    private static Path future;
    private static Path mixed;
    private static Path bundler;
    private static Path alpha;
    private static Path beta;
    private static Path clash;
    private static Path anonymous;
    private static Path classy;
    private static Path hostFactories;
    private static Path hostBrokenLine;
    private static Path sloppy;
    private static Path starter;
    private static Path twice;
    private static Path hollow;
    private static Path hopeless;

    @TempDir
    Path plugins;

    @BeforeAll
    static void buildPluginJars() {
        List<Path> jars = TestPluginJar.writeAll(built,
                TestPluginJar.named("greeter").requires(">=0.1.0")
                        .handlerFactory("com.example.greeter.GreeterFactory", PluginSources
                                .greeter("com.example.greeter.GreeterFactory", "greet"))
                        .filterFactory("com.example.greeter.ShoutFactory", PluginSources
                                .shouter("com.example.greeter.ShoutFactory", "shout")),
                TestPluginJar.named("future").requires(">=9.0.0")
                        .handlerFactory("com.example.future.FutureFactory", PluginSources
                                .greeter("com.example.future.FutureFactory", "future")),
                mixedProviders(),
                TestPluginJar.named("bundler").bundlingPluginApi()
                        .handlerFactory("com.example.bundler.BundledFactory", PluginSources
                                .greeter("com.example.bundler.BundledFactory", "bundled")),
                TestPluginJar.named("alpha")
                        .handlerFactory("com.example.alpha.TwinFactory", PluginSources
                                .greeter("com.example.alpha.TwinFactory", "twin")),
                TestPluginJar.named("beta")
                        .handlerFactory("com.example.beta.TwinFactory", PluginSources
                                .greeter("com.example.beta.TwinFactory", "twin")),
                TestPluginJar.named("clash")
                        .handlerFactory("com.example.clash.HostedFactory", PluginSources
                                .greeter("com.example.clash.HostedFactory", "hosted")),
                TestPluginJar.named("anonymous").manifest("Plugin-Id", null)
                        .serviceLine(HandlerFactory.class, "com.example.anonymous.Nothing"),
                TestPluginJar.named("classy")
                        .manifest("Plugin-Class", "com.example.classy.NoSuchPlugin")
                        .handlerFactory("com.example.classy.ClassyFactory", PluginSources
                                .greeter("com.example.classy.ClassyFactory", "classy")),
                TestPluginJar.plain("host-factories.jar")
                        .handlerFactory("com.example.host.HostedFactory", PluginSources
                                .greeter("com.example.host.HostedFactory", "hosted"))
                        .filterFactory("com.example.host.HostShoutFactory", PluginSources
                                .shouter("com.example.host.HostShoutFactory", "loud")),
                TestPluginJar.plain("host-broken.jar")
                        .serviceLine(HandlerFactory.class, "com.example.host.Missing"),
                TestPluginJar.named("sloppy")
                        .handlerFactory("com.example.sloppy.SloppyFactory", PluginSources.factory(
                                "com.example.sloppy.SloppyFactory", "",
                                "private static final org.slf4j.Logger LOG ="
                                        + " org.slf4j.LoggerFactory.getLogger(\"sloppy\");",
                                "LOG.debug(\"asked for my type\"); return \"sloppy\";"))
                        .entry("org/slf4j/Logger.class", GARBAGE)
                        .entry("org/slf4j/LoggerFactory.class", GARBAGE)
                        .entry("dev/switchboard/api/EventHandler.class", GARBAGE),
                TestPluginJar.named("aaa-starter")
                        .manifest("Plugin-Class", "com.example.starter.FailingPlugin")
                        .source("com.example.starter.FailingPlugin", """
                                package com.example.starter;

                                public class FailingPlugin extends org.pf4j.Plugin {
                                    @Override
                                    public void start() {
                                        throw new LinkageError("start boom");
                                    }
                                }
                                """),
                TestPluginJar.named("twice")
                        .filterFactory("com.example.twice.EchoFactory", PluginSources
                                .shouter("com.example.twice.EchoFactory", "echo"))
                        .filterFactory("com.example.twice.EchoAgainFactory", PluginSources
                                .shouter("com.example.twice.EchoAgainFactory", "echo")),
                TestPluginJar.named("hollow"),
                TestPluginJar.named("hopeless")
                        .serviceLine(HandlerFactory.class, "com.example.hopeless.Missing"));
        greeter = jars.get(0);
        future = jars.get(1);
        mixed = jars.get(2);
        bundler = jars.get(3);
        alpha = jars.get(4);
        beta = jars.get(5);
        clash = jars.get(6);
        anonymous = jars.get(7);
        classy = jars.get(8);
        hostFactories = jars.get(9);
        hostBrokenLine = jars.get(10);
        sloppy = jars.get(11);
        starter = jars.get(12);
        twice = jars.get(13);
        hollow = jars.get(14);
        hopeless = jars.get(15);
    }

    /** One JAR, good providers first and last, every kind of broken provider in between. */
    private static TestPluginJar mixedProviders() {
        String p = "com.example.mixed.";
        return TestPluginJar.named("mixed")
                .handlerFactory(p + "GoodFirstFactory",
                        PluginSources.greeter(p + "GoodFirstFactory", "good-first"))
                .handlerFactory(p + "NeedsArgumentFactory", PluginSources.factory(
                        p + "NeedsArgumentFactory", "",
                        "public NeedsArgumentFactory(String name) { }",
                        "return \"needs-argument\";"))
                .handlerFactory(p + "StaticInitFactory", PluginSources.factory(
                        p + "StaticInitFactory", "",
                        "static { fail(); }\n"
                                + "static void fail() { throw new IllegalStateException(\"static boom\"); }",
                        "return \"static-init\";"))
                .serviceLine(HandlerFactory.class, p + "Missing")
                .handlerFactory(p + "ConstructorFactory", PluginSources.factory(
                        p + "ConstructorFactory", "",
                        "public ConstructorFactory() { throw new IllegalStateException(\"constructor boom\"); }",
                        "return \"constructor\";"))
                .handlerFactory(p + "TypeFailsFactory", PluginSources.factory(
                        p + "TypeFailsFactory", "", "",
                        "throw new IllegalStateException(\"type boom\");"))
                .handlerFactory(p + "BadTypeFactory", PluginSources.factory(
                        p + "BadTypeFactory", "", "", "return \"Bad Type\";"))
                .source(p + "Base", PluginSources.plainClass(p + "Base", "abstract"))
                .leaveOut(p + "Base")
                .handlerFactory(p + "OrphanFactory", PluginSources.factory(
                        p + "OrphanFactory", "extends Base", "", "return \"orphan\";"))
                .source(p + "NotAFactory", PluginSources.plainClass(p + "NotAFactory", "final"))
                .serviceLine(HandlerFactory.class, p + "NotAFactory")
                .handlerFactory(p + "GoodLastFactory",
                        PluginSources.greeter(p + "GoodLastFactory", "good-last"));
    }

    @Test
    void aGoodPluginIsDiscoveredAndItsFactoryCreatesAWorkingHandler() throws Exception {
        install(greeter);
        try (PluginCatalog catalog = PluginCatalog.load(plugins, RUNTIME)) {
            assertThat(catalog.plugins()).contains(new PluginInfo("greeter", "1.0.0",
                    plugins.resolve("greeter.jar"), List.of("greet"), List.of("shout"), List.of()));
            HandlerFactoryEntry entry = catalog.handlerFactory("greet").orElseThrow();
            assertThat(entry.origin()).isEqualTo("greeter");

            EventHandler handler =
                    entry.create(TestHandlerContext.of("hello", Map.of("greeting", "hi")));
            handler.handle(EVENT);

            assertThat(recordOf(handler).get("greeted")).isEqualTo(List.of("hi research"));
        }
    }

    @Test
    void aPluginFilterFactoryIsDiscoveredAndItsFilterTransformsEvents() {
        install(greeter);
        try (PluginCatalog catalog = load()) {
            FilterFactoryEntry entry = catalog.filterFactory("shout").orElseThrow();
            EventFilter filter = entry.create(TestHandlerContext.of("hello", Map.of()));

            assertThat(entry.origin()).isEqualTo("greeter");
            assertThat(filter.apply(EVENT).specName()).isEqualTo("RESEARCH");
        }
    }

    @Test
    void factoriesOnTheHostClassPathAreBuiltIn() throws IOException {
        try (URLClassLoader host = hostClassPath(hostFactories);
             PluginCatalog catalog = PluginCatalog.load(null, RUNTIME, host)) {
            assertThat(catalog.handlerFactory("hosted").orElseThrow().origin())
                    .isEqualTo(PluginCatalog.BUILT_IN);
            assertThat(catalog.filterFactory("loud").orElseThrow().origin())
                    .isEqualTo(PluginCatalog.BUILT_IN);
            assertThat(catalog.plugins()).isEmpty();
            assertThat(catalog.failures()).isEmpty();
        }
    }

    @Test
    void providersFromTheHostsServiceFilesAreNotAttributedToAPlugin() throws IOException {
        install(greeter);
        try (URLClassLoader host = hostClassPath(hostFactories);
             PluginCatalog catalog = PluginCatalog.load(plugins, RUNTIME, host)) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(catalog.plugins()).singleElement().satisfies(plugin -> {
                assertThat(plugin.handlerTypes()).containsExactly("greet");
                assertThat(plugin.filterTypes()).containsExactly("shout");
            });
            assertThat(catalog.handlerFactory("hosted").orElseThrow().origin())
                    .isEqualTo(PluginCatalog.BUILT_IN);
        }
    }

    @Test
    void aBrokenLineInTheHostsServiceFilesIsReportedOnceAndBlamesNoPlugin() throws IOException {
        install(greeter, alpha);
        try (URLClassLoader host = hostClassPath(hostBrokenLine);
             PluginCatalog catalog = PluginCatalog.load(plugins, RUNTIME, host)) {
            assertThat(catalog.failures()).containsExactly(
                    new PluginFailure(null, "com.example.host.Missing", "class not found"));
            assertThat(catalog.failures().get(0))
                    .hasToString("host class path: provider com.example.host.Missing: "
                            + "class not found");
            assertThat(catalog.plugins()).extracting(PluginInfo::id)
                    .containsExactly("alpha", "greeter");
        }
    }

    @Test
    void aCorruptJarIsReportedWithItsFileAndTheOthersStillWork() throws IOException {
        install(greeter);
        Files.writeString(plugins.resolve("corrupt.jar"), "this is not a zip file");
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.jar()).isEqualTo(plugins.resolve("corrupt.jar"));
                assertThat(failure.className()).isNull();
                assertThat(failure.reason()).isEqualTo("cannot read the JAR manifest: "
                        + "ZipException: zip END header not found");
            });
            assertThat(catalog.handlerFactory("greet")).isPresent();
        }
    }

    @Test
    void aJarWithoutPluginIdIsReported() {
        install(anonymous, greeter);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).containsExactly(new PluginFailure(
                    plugins.resolve("anonymous.jar"), null, "no Plugin-Id in the JAR manifest"));
            assertThat(catalog.plugins()).extracting(PluginInfo::id).containsExactly("greeter");
        }
    }

    @Test
    void aPluginRequiringANewerRuntimeIsReportedAndSkipped() {
        install(future, greeter);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).containsExactly(new PluginFailure(
                    plugins.resolve("future.jar"), null,
                    "Plugin-Requires '>=9.0.0' is not satisfied by runtime 0.1.0"));
            assertThat(catalog.handlerFactory("future")).isEmpty();
            assertThat(catalog.plugins()).extracting(PluginInfo::id).containsExactly("greeter");
        }
    }

    @Test
    void aPluginThatRequiresThisRuntimeLoads() {
        install(future);
        try (PluginCatalog catalog = PluginCatalog.load(plugins, "9.1.0", isolatedHost())) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(catalog.handlerFactory("future")).isPresent();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            com.example.mixed.NeedsArgumentFactory | no public no-argument constructor
            com.example.mixed.StaticInitFactory    | static initialiser failed: IllegalStateException: static boom
            com.example.mixed.Missing              | class not found
            com.example.mixed.ConstructorFactory   | constructor failed: IllegalStateException: constructor boom
            com.example.mixed.TypeFailsFactory     | type() failed: IllegalStateException: type boom
            com.example.mixed.BadTypeFactory       | type() returned 'Bad Type'; a type is lowercase letters, digits, '-' and '_'
            com.example.mixed.OrphanFactory        | cannot be loaded: NoClassDefFoundError: com/example/mixed/Base
            com.example.mixed.NotAFactory          | does not implement dev.switchboard.api.spi.HandlerFactory
            """)
    void eachBrokenProviderIsReportedWithItsJarClassAndReason(String className, String reason) {
        install(mixed);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures())
                    .contains(new PluginFailure(plugins.resolve("mixed.jar"), className, reason));
        }
    }

    @Test
    void brokenProvidersNeverHideTheGoodOnesInTheSameJar() throws Exception {
        install(mixed);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).hasSize(8);
            assertThat(catalog.plugins()).singleElement().extracting(PluginInfo::handlerTypes)
                    .isEqualTo(List.of("good-first", "good-last"));
            EventHandler handler = catalog.handlerFactory("good-last").orElseThrow()
                    .create(TestHandlerContext.of("last", Map.of()));
            handler.handle(EVENT);
            assertThat(recordOf(handler).get("greeted")).isEqualTo(List.of("hello research"));
        }
    }

    @Test
    void aPluginBundlingItsOwnPluginApiStillProducesTheHostsFactoryType() throws Exception {
        install(bundler);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).isEmpty();
            HandlerFactoryEntry entry = catalog.handlerFactory("bundled").orElseThrow();
            assertThat(entry.classLoader().loadClass(HandlerFactory.class.getName()))
                    .isSameAs(HandlerFactory.class);
            assertThat(entry.classLoader().getResource("dev/switchboard/api/spi/HandlerFactory.class"))
                    .as("the plugin does bundle its copy").isNotNull();

            HandlerFactory factory = entry.factory();
            EventHandler handler = factory.create(TestHandlerContext.of("b", Map.of()));
            handler.handle(EVENT);
            assertThat(recordOf(handler).get("greeted")).isEqualTo(List.of("hello research"));
        }
    }

    @Test
    void slf4jAndThePluginApiAlwaysComeFromTheHostEvenWhenThePluginBundlesThem() throws Exception {
        install(sloppy);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).isEmpty();
            HandlerFactoryEntry entry = catalog.handlerFactory("sloppy").orElseThrow();
            assertThat(entry.classLoader().loadClass("org.slf4j.Logger"))
                    .isSameAs(org.slf4j.Logger.class);
            assertThat(entry.classLoader().loadClass(EventHandler.class.getName()))
                    .isSameAs(EventHandler.class);
            entry.create(TestHandlerContext.of("s", Map.of())).handle(EVENT);
        }
    }

    @Test
    void twoPluginsWithTheSameTypeAreAConflictAndNeitherGetsTheType() {
        install(beta, alpha);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.handlerFactory("twin")).isEmpty();
            assertThat(catalog.failures()).isEmpty();
            assertThat(catalog.conflicts()).containsExactly(new TypeConflict("handler", "twin",
                    new TypeConflict.Provider("alpha", plugins.resolve("alpha.jar"),
                            "com.example.alpha.TwinFactory"),
                    new TypeConflict.Provider("beta", plugins.resolve("beta.jar"),
                            "com.example.beta.TwinFactory")));
            assertThat(catalog.conflicts().get(0)).hasToString("handler type 'twin' is provided by"
                    + " plugin alpha (" + plugins.resolve("alpha.jar") + ") and by plugin beta ("
                    + plugins.resolve("beta.jar") + "); nothing is chosen: remove one of the two JARs");
            assertThat(catalog.plugins()).extracting(PluginInfo::id, PluginInfo::handlerTypes)
                    .containsExactly(
                            tuple("alpha", List.of("twin")),
                            tuple("beta", List.of("twin")));
            assertThat(catalog.describeHandlerTypes())
                    .isEqualTo("twin (plugin alpha, plugin beta: duplicate)");
        }
    }

    @Test
    void aPluginThatProvidesABuiltInTypeIsAConflictThatNamesTheHostJar() throws IOException {
        install(clash);
        try (URLClassLoader host = hostClassPath(hostFactories);
             PluginCatalog catalog = PluginCatalog.load(plugins, RUNTIME, host)) {
            assertThat(catalog.handlerFactory("hosted")).isEmpty();
            assertThat(catalog.conflicts()).singleElement().hasToString("handler type 'hosted' is"
                    + " provided by the runtime itself (" + hostFactories + ") and by plugin clash ("
                    + plugins.resolve("clash.jar") + "); nothing is chosen: a built-in type cannot be"
                    + " replaced: remove " + plugins.resolve("clash.jar"));
            assertThat(catalog.failures()).isEmpty();
        }
    }

    @Test
    void oneJarListingTwoFactoriesOfOneTypeIsAConflictNamingBothClasses() {
        install(twice);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.filterFactory("echo")).isEmpty();
            assertThat(catalog.conflicts()).singleElement().hasToString("filter type 'echo' is"
                    + " provided twice by plugin twice (" + plugins.resolve("twice.jar") + "), by"
                    + " com.example.twice.EchoFactory and com.example.twice.EchoAgainFactory;"
                    + " nothing is chosen: list only one of them in META-INF/services");
            assertThat(catalog.plugins()).singleElement().extracting(PluginInfo::filterTypes)
                    .isEqualTo(List.of("echo"));
        }
    }

    @Test
    void aPluginWithoutAnyProviderIsListedWithAWarningUnlessItsProvidersFailedWithReasons() {
        install(hollow, hopeless, greeter);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.plugins()).extracting(PluginInfo::id, PluginInfo::warnings)
                    .containsExactly(
                            tuple("greeter", List.of()),
                            tuple("hollow", List.of("provides no handler or filter type: it lists"
                                    + " no provider class of its own in META-INF/services/"
                                    + "dev.switchboard.api.spi.HandlerFactory or ...FilterFactory")),
                            tuple("hopeless", List.of()));
            assertThat(catalog.failures()).containsExactly(new PluginFailure(
                    plugins.resolve("hopeless.jar"), "com.example.hopeless.Missing",
                    "class not found"));
        }
    }

    @Test
    void aPluginBundlingPluginApiOrSlf4jIsListedWithAWarning() {
        install(bundler, sloppy);
        try (PluginCatalog catalog = load()) {
            String warning = "bundles its own copy of %1$s, which the runtime ignores (it always"
                    + " uses its own): build the plugin with %1$s as a provided dependency";
            assertThat(catalog.plugins()).extracting(PluginInfo::id, PluginInfo::warnings)
                    .containsExactly(
                            tuple("bundler", List.of(warning.formatted("plugin-api"))),
                            tuple("sloppy", List.of(warning.formatted("plugin-api"),
                                    warning.formatted("SLF4J"))));
        }
    }

    @Test
    void twoJarsWithTheSamePluginIdLoadTheFirstByFileName() throws IOException {
        install(greeter);
        Files.copy(greeter, plugins.resolve("greeter-again.jar"));
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.plugins()).extracting(PluginInfo::jar)
                    .containsExactly(plugins.resolve("greeter-again.jar"));
            assertThat(catalog.failures()).containsExactly(new PluginFailure(
                    plugins.resolve("greeter.jar"), null,
                    "Plugin-Id 'greeter' is already used by greeter-again.jar"));
        }
    }

    @Test
    void aPluginMayNotCallItselfBuiltIn() throws IOException {
        Path copy = plugins.resolve("impostor.jar");
        Files.copy(alpha, copy);
        try (FileSystem jar = FileSystems.newFileSystem(copy)) {
            Files.writeString(jar.getPath("META-INF/MANIFEST.MF"),
                    "Manifest-Version: 1.0\nPlugin-Id: built-in\nPlugin-Version: 1.0.0\n");
        }
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).containsExactly(new PluginFailure(copy, null,
                    "Plugin-Id 'built-in' is reserved for the host's own factories"));
            assertThat(catalog.handlerFactory("twin")).isEmpty();
        }
    }

    @Test
    void aPluginClassThatCannotBeLoadedIsReported() {
        install(classy, greeter);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).singleElement().satisfies(failure -> {
                assertThat(failure.jar()).isEqualTo(plugins.resolve("classy.jar"));
                assertThat(failure.reason()).isEqualTo(
                        "cannot start: Plugin-Class com.example.classy.NoSuchPlugin is not in the JAR");
            });
            assertThat(catalog.handlerFactory("classy")).isEmpty();
            assertThat(catalog.handlerFactory("greet")).isPresent();
        }
    }

    @Test
    void aPluginClassThatFailsToStartIsReportedAndThePluginsAfterItStillStart() {
        install(starter, greeter);
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).containsExactly(new PluginFailure(
                    plugins.resolve("aaa-starter.jar"), null,
                    "cannot start: LinkageError: start boom"));
            assertThat(catalog.plugins()).extracting(PluginInfo::id).containsExactly("greeter");
        }
    }

    @Test
    void theContextClassLoaderDuringCreateIsThePluginsAndIsRestoredAfterwards() {
        install(greeter);
        try (PluginCatalog catalog = load()) {
            HandlerFactoryEntry entry = catalog.handlerFactory("greet").orElseThrow();
            ClassLoader before = Thread.currentThread().getContextClassLoader();

            EventHandler handler = entry.create(TestHandlerContext.of("h", Map.of()));

            assertThat(recordOf(handler).get("contextLoaderDuringCreate"))
                    .isSameAs(entry.classLoader())
                    .isSameAs(handler.getClass().getClassLoader())
                    .isNotSameAs(before);
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);
        }
    }

    @Test
    void closeStopsAndUnloadsThePluginsAndClosesTheirClassLoaders() {
        install(greeter);
        PluginCatalog catalog = load();
        PluginClassLoader loader =
                (PluginClassLoader) catalog.handlerFactory("greet").orElseThrow().classLoader();
        String resource = "com/example/greeter/GreeterFactory.class";
        assertThat(loader.findResource(resource)).isNotNull();

        catalog.close();
        catalog.close();

        assertThat(loader.isClosed()).isTrue();
        assertThat(loader.findResource(resource)).isNull();
    }

    @Test
    void withoutAPluginsFolderOnlyTheHostFactoriesAreAvailable() throws IOException {
        try (URLClassLoader host = hostClassPath(hostFactories);
             PluginCatalog none = PluginCatalog.load(null, RUNTIME, host);
             PluginCatalog missing =
                     PluginCatalog.load(plugins.resolve("absent"), RUNTIME, host)) {
            for (PluginCatalog catalog : List.of(none, missing)) {
                assertThat(catalog.plugins()).isEmpty();
                assertThat(catalog.failures()).isEmpty();
                assertThat(catalog.describeHandlerTypes()).isEqualTo("hosted (built-in)");
            }
        }
    }

    @Test
    void filesThatAreNotJarsAreIgnored() throws IOException {
        install(greeter);
        Files.writeString(plugins.resolve("README.txt"), "drop plugin JARs here");
        Files.createDirectory(plugins.resolve("old"));
        try (PluginCatalog catalog = load()) {
            assertThat(catalog.failures()).isEmpty();
            assertThat(catalog.plugins()).extracting(PluginInfo::id).containsExactly("greeter");
        }
    }

    @Test
    void theInstalledTypesAreDescribedWithTheirOrigins() throws IOException {
        install(greeter, alpha);
        try (URLClassLoader host = hostClassPath(hostFactories);
             PluginCatalog catalog = PluginCatalog.load(plugins, RUNTIME, host)) {
            assertThat(catalog.describeHandlerTypes()).isEqualTo(
                    "greet (plugin greeter), hosted (built-in), twin (plugin alpha)");
            assertThat(catalog.describeFilterTypes())
                    .isEqualTo("loud (built-in), shout (plugin greeter)");
        }
        try (PluginCatalog empty = PluginCatalog.load(null, RUNTIME, isolatedHost())) {
            assertThat(empty.describeHandlerTypes()).isEqualTo("none");
        }
    }

    private PluginCatalog load() {
        return PluginCatalog.load(plugins, RUNTIME, isolatedHost());
    }

    private void install(Path... jars) {
        try {
            for (Path jar : jars) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recordOf(EventHandler handler) {
        return ((Supplier<Map<String, Object>>) handler).get();
    }

    /** A host class path whose service files are exactly those of the given JARs. */
    private static URLClassLoader hostClassPath(Path... jars) throws IOException {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            urls[i] = jars[i].toUri().toURL();
        }
        return new URLClassLoader("test-host", urls, isolatedHost());
    }

    /** The test class path's classes, without its service files. */
    private static ClassLoader isolatedHost() {
        return new ClassLoader("test-classes-only", PluginCatalogTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                if (name.startsWith("META-INF/services/")) {
                    return Collections.emptyEnumeration();
                }
                return super.getResources(name);
            }
        };
    }
}
