package io.eventbus.data.ingest.cloudevents;

import java.util.List;
import java.util.function.Function;

/**
 * Checks the REQUIRED context attributes before the CloudEvents SDK sees an event, so that the message names the
 * attribute plainly and empty values are refused (the SDK accepts an empty {@code id}). Stateless, thread-safe.
 */
final class RequiredAttributes {

    static final String SPEC_VERSION = "1.0";

    private RequiredAttributes() {
    }

    /**
     * @param value an attribute's value by name, {@code null} when absent
     * @throws InvalidEvent for the first of {@code specversion}, {@code id}, {@code source}, {@code type} that is
     *                      missing, empty or (for {@code specversion}) other than {@code 1.0}
     */
    static void check(Function<String, String> value) {
        String specVersion = value.apply("specversion");
        if (specVersion == null) {
            throw InvalidEvent.missing("specversion");
        }
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new InvalidEvent("specversion", "specversion '" + specVersion
                    + "' is not supported; Eventbus reads CloudEvents 1.0 (specversion '1.0')");
        }
        for (String name : List.of("id", "source", "type")) {
            String v = value.apply(name);
            if (v == null) {
                throw InvalidEvent.missing(name);
            }
            if (v.isEmpty()) {
                throw new InvalidEvent(name, "attribute '" + name + "' must not be empty");
            }
        }
    }
}
