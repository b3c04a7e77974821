package dev.switchboard.core.event;

/** An incoming event does not have the seed's shape; names the field at fault. */
public final class InvalidEventException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidEventException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the JSON field at fault, or null when the document as a whole is */
    public String field() {
        return field;
    }
}
