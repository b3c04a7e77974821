package dev.switchboard.core.store;

/**
 * The store's file is held by another process (a running Switchboard on the same data folder), so
 * this one cannot open it. The message names the file and the lock.
 *
 * @since 0.1
 */
public final class StoreLockedException extends StoreException {

    private static final long serialVersionUID = 1L;

    /** @param message what is locked and by what, naming the file */
    public StoreLockedException(String message) {
        super(message);
    }
}
