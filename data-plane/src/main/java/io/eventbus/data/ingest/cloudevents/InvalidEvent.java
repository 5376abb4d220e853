package io.eventbus.data.ingest.cloudevents;

/**
 * One event that cannot become an entry: a CloudEvents attribute is missing or wrong, its data cannot be read, or
 * it breaks a limit of the native model. Structured and batch mode turn it into a refused entry; binary mode, where
 * the headers are the event, into a {@link io.eventbus.core.problem.ValidationError} (except for the native
 * model's limits, which refuse the entry as the native API does). Never leaves this package. Immutable (no stack
 * trace: it is an answer, not a fault), thread-safe.
 */
final class InvalidEvent extends RuntimeException {

    private final String attribute;

    /**
     * @param attribute the attribute (or {@code data}, {@code data_base64}) at fault, or {@code null} when the
     *                  CloudEvents SDK did not say which
     * @param message   what is wrong, for a person
     */
    InvalidEvent(String attribute, String message) {
        super(message, null, false, false);
        this.attribute = attribute;
    }

    static InvalidEvent missing(String attribute) {
        return new InvalidEvent(attribute, "required attribute '" + attribute + "' is missing");
    }

    /** The attribute at fault, or {@code null}. */
    String attribute() {
        return attribute;
    }
}
