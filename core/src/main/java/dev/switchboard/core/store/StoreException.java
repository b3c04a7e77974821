package dev.switchboard.core.store;

/**
 * The store cannot do its job: its file is corrupt, locked by another process, not writable, or
 * the disk is full. The message names the file and says what to do; it never holds event data.
 *
 * @since 0.1
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong, naming the file */
    public StoreException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the file
     * @param cause the underlying failure, may be null
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
