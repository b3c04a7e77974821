package dev.switchboard.core.cli;

/**
 * A mistake on the command line that a command finds once it runs (a file or folder that does not
 * exist): {@link Main} prints its message as one line on stderr and exits 2, never a stack trace.
 */
final class UsageError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UsageError(String message) {
        super(message, null, false, false);
    }
}
