package dev.switchboard.core.plugin;

/** Java sources of test plugins, compiled into real JARs by {@code TestPluginJar}. */
final class PluginSources {

    private PluginSources() {
    }

    /**
     * A handler factory whose handlers greet each event's spec name, and tell what they did (and
     * which context class loader their factory ran with) through {@code java.util} types, which
     * host and plugin share.
     */
    static String greeter(String className, String type) {
        return handlerFactoryOpening(className, type, """
                import java.util.List;
                import java.util.Map;
                import java.util.concurrent.CopyOnWriteArrayList;
                import java.util.function.Supplier;
                """, "") + """
                    @Override
                    public EventHandler create(HandlerContext context) {
                        return new Greeter(context.config().string("greeting", "hello"),
                                Thread.currentThread().getContextClassLoader());
                    }

                    static final class Greeter implements EventHandler, Supplier<Map<String, Object>> {
                        private final String greeting;
                        private final ClassLoader contextLoaderDuringCreate;
                        private final List<String> greeted = new CopyOnWriteArrayList<>();

                        Greeter(String greeting, ClassLoader contextLoaderDuringCreate) {
                            this.greeting = greeting;
                            this.contextLoaderDuringCreate = contextLoaderDuringCreate;
                        }

                        @Override
                        public void handle(WorkflowEvent event) {
                            greeted.add(greeting + " " + event.specName());
                        }

                        @Override
                        public Map<String, Object> get() {
                            return Map.of("greeted", List.copyOf(greeted),
                                    "contextLoaderDuringCreate", contextLoaderDuringCreate);
                        }
                    }
                }
                """;
    }

    /**
     * @return the source of a final handler factory class up to its {@code type()}, which returns
     *     {@code type}; the class body still open
     */
    private static String handlerFactoryOpening(String className, String type, String imports,
                                                String members) {
        return """
                package %s;

                import dev.switchboard.api.EventHandler;
                import dev.switchboard.api.HandlerContext;
                import dev.switchboard.api.WorkflowEvent;
                import dev.switchboard.api.spi.HandlerFactory;
                %s
                public final class %s implements HandlerFactory {
                    %s

                    @Override
                    public String type() {
                        return "%s";
                    }

                """.formatted(packageOf(className), imports, simpleName(className), members, type);
    }

    /** A filter factory whose filters upper-case the spec name. */
    static String shouter(String className, String type) {
        return """
                package %s;

                import dev.switchboard.api.EventFilter;
                import dev.switchboard.api.HandlerContext;
                import dev.switchboard.api.spi.FilterFactory;
                import java.util.Locale;

                public final class %s implements FilterFactory {
                    @Override
                    public String type() {
                        return "%s";
                    }

                    @Override
                    public EventFilter create(HandlerContext context) {
                        return event -> event.toBuilder()
                                .specName(event.specName().toUpperCase(Locale.ROOT)).build();
                    }
                }
                """.formatted(packageOf(className), simpleName(className), type);
    }

    /**
     * A handler factory that handles nothing, for broken variants.
     *
     * @param declaration what follows the class name, e.g. {@code extends Base}
     * @param members extra members, e.g. a constructor
     * @param typeBody the body of {@code type()}
     */
    static String factory(String className, String declaration, String members,
                          String typeBody) {
        return """
                package %s;

                import dev.switchboard.api.EventHandler;
                import dev.switchboard.api.HandlerContext;
                import dev.switchboard.api.spi.HandlerFactory;

                public class %s %s implements HandlerFactory {
                    %s

                    @Override
                    public String type() {
                        %s
                    }

                    @Override
                    public EventHandler create(HandlerContext context) {
                        return event -> { };
                    }
                }
                """.formatted(packageOf(className), simpleName(className), declaration, members,
                typeBody);
    }

    /**
     * A handler factory whose handlers run {@code handleBody}, for faulty variants. Before it, each
     * attempt appends a byte to the file named by the handler's {@code attempts_file} setting, if
     * any, so a test can tell that (and how often) the fault ran.
     *
     * @param factoryMembers extra members of the factory, e.g. a failing static initialiser
     * @param handlerMembers extra members of the handler, e.g. a {@code close()}
     * @param handleBody the body of {@code handle(WorkflowEvent event) throws Exception}
     */
    static String handler(String className, String type, String factoryMembers,
                          String handlerMembers, String handleBody) {
        return handlerFactoryOpening(className, type, "", factoryMembers) + """
                    @Override
                    public EventHandler create(HandlerContext context) {
                        return new Handler(context.config().string("attempts_file", ""));
                    }

                    static final class Handler implements EventHandler {
                        private final String attemptsFile;

                        Handler(String attemptsFile) {
                            this.attemptsFile = attemptsFile;
                        }

                        %s

                        @Override
                        public void handle(WorkflowEvent event) throws Exception {
                            if (!attemptsFile.isEmpty()) {
                                java.nio.file.Files.write(java.nio.file.Path.of(attemptsFile),
                                        new byte[] {1}, java.nio.file.StandardOpenOption.CREATE,
                                        java.nio.file.StandardOpenOption.APPEND);
                            }
                            %s
                        }
                    }
                }
                """.formatted(handlerMembers, handleBody);
    }

    /** A class in its own file, e.g. a superclass or a class that implements nothing. */
    static String plainClass(String className, String modifiers) {
        return "package %s;\n\npublic %s class %s {\n}\n"
                .formatted(packageOf(className), modifiers, simpleName(className));
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
