package ${package};

import dev.switchboard.testkit.PackagedJarConformance;

/** In mvn verify: the packaged JAR loads alone through the runtime's PF4J loader and provides its type. */
class NotifyPluginJarIT extends PackagedJarConformance {

    @Override
    protected String type() {
        return "${handlerType}";
    }
}
