package dev.switchboard.core.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The provider class names that the {@code META-INF/services} files of a service list, in the
 * order {@link java.util.ServiceLoader} visits them. Used only to name the provider when
 * ServiceLoader throws a bare {@link LinkageError} (a provider whose superclass is missing),
 * which carries the missing class's name but not the provider's.
 */
final class ServiceFileNames {

    private ServiceFileNames() {
    }

    /** @return the listed names, without duplicates; those of unreadable files are skipped */
    static Set<String> read(ClassLoader loader, Class<?> service) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> files = loader.getResources("META-INF/services/" + service.getName());
            while (files.hasMoreElements()) {
                readInto(files.nextElement(), names);
            }
        } catch (IOException e) {
            // ServiceLoader meets the same problem and reports it.
        }
        return names;
    }

    private static void readInto(URL file, Set<String> names) {
        try {
            URLConnection connection = file.openConnection();
            // A cached JarFile would stay open after the plugin's class loader is closed.
            connection.setUseCaches(false);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                    connection.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            // As above: ServiceLoader reports it.
        }
    }
}
