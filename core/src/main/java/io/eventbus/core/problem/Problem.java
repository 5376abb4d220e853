package io.eventbus.core.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail as Eventbus answers it: {@code type}, {@code title}, {@code status}, {@code detail},
 * plus the stable machine-readable {@code code} and, when known, the {@code location} of the problem in the
 * request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String code, String location) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem whose type URI is derived from its code, so clients may also switch on {@code type}. */
    public static Problem of(int status, String code, String title, String detail, String location) {
        return new Problem("urn:eventbus:problem:" + code, title, status, detail, code, location);
    }
}
