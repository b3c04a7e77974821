package dev.switchboard.distribution;

/**
 * What the container image is built with: the {@code image.*} properties of distribution/pom.xml,
 * which configure Jib and reach the tests as system properties, so that the image, its test and
 * the manifests in deploy/ all follow one set of values.
 */
record ImageFacts(String name, String home, String data, int port, int user) {

    static ImageFacts fromBuild() {
        return new ImageFacts(property("image.name"), property("image.home"), property("image.data"),
                Integer.parseInt(property("image.port")), Integer.parseInt(property("image.user")));
    }

    String configFile() {
        return home + "/conf/handlers.yaml";
    }

    String launcher() {
        return home + "/bin/switchboard";
    }

    String plugins() {
        return home + "/plugins";
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run through Maven");
        }
        return value;
    }
}
