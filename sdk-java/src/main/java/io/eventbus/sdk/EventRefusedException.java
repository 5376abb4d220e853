package io.eventbus.sdk;

/**
 * An event that Eventbus refused on its own while it took the others of the same put (its entry had an
 * {@link PutEventsResultEntry#errorCode() errorCode}): the event is invalid as it stands (say a field too long,
 * or the entry too large), so sending it again unchanged would be refused again. A {@link Publisher} completes
 * that event's future with it; the other events of the batch are not affected.
 */
public class EventRefusedException extends RuntimeException {

    private final transient Event event;
    private final String errorCode;
    private final String errorMessage;
    private final String errorLocation;

    /** An event refused with the server's error code, message and (when the error is about one field) location. */
    public EventRefusedException(Event event, String errorCode, String errorMessage, String errorLocation) {
        super(errorCode + ": " + errorMessage + (errorLocation == null ? "" : " (at " + errorLocation + ")"));
        this.event = event;
        this.errorCode = errorCode;
        this.errorMessage = errorMessage;
        this.errorLocation = errorLocation;
    }

    /** The event that was refused, as it was sent (with the idempotency key the publisher gave it). */
    public Event event() {
        return event;
    }

    /** The server's code, e.g. {@code ValidationError} or {@code EntryTooLarge}. */
    public String errorCode() {
        return errorCode;
    }

    /** What is wrong, in the server's words. */
    public String errorMessage() {
        return errorMessage;
    }

    /** The field of the event the error is about (e.g. {@code source}), or null. */
    public String errorLocation() {
        return errorLocation;
    }
}
