package io.eventbus.core.problem;

import io.micronaut.core.annotation.Nullable;

/** HTTP 403, code {@code Forbidden}. */
public final class Forbidden extends EventbusException {

    public Forbidden(String detail) {
        this(detail, null);
    }

    /** A refusal that is about one place of the request, e.g. {@code header: Origin}. */
    public Forbidden(String detail, @Nullable String location) {
        super(403, "Forbidden", detail, location);
    }
}
