package dev.switchboard.core.plugin;

import java.nio.file.Path;
import org.pf4j.InvalidPluginDescriptorException;

/** Turns what went wrong while loading a plugin into the one-line reason of a failure. */
final class Reasons {

    private Reasons() {
    }

    /** @return e.g. {@code IllegalStateException: boom}, the causes appended when they add news */
    static String of(Throwable error) {
        StringBuilder text = new StringBuilder(describe(error));
        Throwable cause = error.getCause();
        for (int depth = 0; cause != null && cause != error && depth < 3; depth++) {
            if (!saysAlready(text, cause)) {
                text.append(": ").append(describe(cause));
            }
            error = cause;
            cause = cause.getCause();
        }
        return oneLine(text.toString());
    }

    /** @return why PF4J could not load the JAR, worded for someone looking at the manifest */
    static String ofPluginLoad(Throwable error, Path jar) {
        if (error instanceof InvalidPluginDescriptorException) {
            String message = String.valueOf(error.getMessage());
            if (message.contains("'id'")) {
                return "no Plugin-Id in the JAR manifest";
            }
            if (message.contains("'version'")) {
                return "no Plugin-Version in the JAR manifest";
            }
        }
        String message = String.valueOf(error.getMessage());
        if (message.startsWith("Cannot read manifest") && error.getCause() != null) {
            return "cannot read the JAR manifest: " + of(error.getCause());
        }
        String reason = of(error);
        // PF4J repeats the JAR's absolute path; the failure already starts with the JAR.
        reason = reason.replace(" from " + jar.toAbsolutePath(), "")
                .replace(" from " + jar, "")
                .replace(jar.toAbsolutePath().toString(), jar.getFileName().toString());
        return reason;
    }

    /** A NoClassDefFoundError names its class with slashes, its ClassNotFoundException with dots. */
    private static boolean saysAlready(CharSequence text, Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return text.toString().contains(cause.getClass().getSimpleName());
        }
        return text.toString().replace('/', '.').contains(message.replace('/', '.'));
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String type = error.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return type;
        }
        if (error.getClass().getName().startsWith("org.pf4j.")) {
            return message;
        }
        return type + ": " + message;
    }

    static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
