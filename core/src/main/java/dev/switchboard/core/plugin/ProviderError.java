package dev.switchboard.core.plugin;

import java.util.ServiceConfigurationError;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link ServiceConfigurationError} read back into the provider it is about and a short
 * reason. ServiceLoader names the provider only inside its message, in a few fixed phrasings;
 * one it does not recognise keeps the message as it is.
 *
 * @param className the provider, or null when the message names none
 * @param reason why it failed, in one line
 */
record ProviderError(String className, String reason) {

    private static final Pattern NOT_FOUND = Pattern.compile("Provider (\\S+) not found");
    private static final Pattern NO_CONSTRUCTOR =
            Pattern.compile("(\\S+) Unable to get public no-arg constructor");
    private static final Pattern NOT_SUBTYPE = Pattern.compile("(\\S+) not a subtype");
    private static final Pattern NOT_CREATED =
            Pattern.compile("Provider (\\S+) could not be instantiated");
    private static final Pattern ILLEGAL_NAME =
            Pattern.compile("Illegal provider-class name: (\\S+)");

    static ProviderError of(ServiceConfigurationError error, Class<?> service) {
        String message = String.valueOf(error.getMessage());
        String prefix = service.getName() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        Matcher m;
        if ((m = NOT_FOUND.matcher(message)).matches()) {
            return new ProviderError(m.group(1), "class not found");
        }
        if ((m = NO_CONSTRUCTOR.matcher(message)).matches()) {
            return new ProviderError(m.group(1), "no public no-argument constructor");
        }
        if ((m = NOT_SUBTYPE.matcher(message)).matches()) {
            return new ProviderError(m.group(1), "does not implement " + service.getName());
        }
        if ((m = NOT_CREATED.matcher(message)).matches()) {
            return new ProviderError(m.group(1), whyNotCreated(error.getCause()));
        }
        if ((m = ILLEGAL_NAME.matcher(message)).matches()) {
            return new ProviderError(m.group(1), "not a legal class name in META-INF/services/"
                    + service.getName());
        }
        return new ProviderError(null, Reasons.of(error));
    }

    private static String whyNotCreated(Throwable cause) {
        if (cause instanceof ExceptionInInitializerError init) {
            Throwable thrown = init.getException() != null ? init.getException() : init;
            return "static initialiser failed: " + Reasons.of(thrown);
        }
        if (cause == null) {
            return "cannot be instantiated";
        }
        if (cause instanceof LinkageError) {
            // Its class or one it uses cannot be linked, e.g. a bundled class file is broken.
            return "cannot be instantiated: " + Reasons.of(cause);
        }
        return "constructor failed: " + Reasons.of(cause);
    }
}
