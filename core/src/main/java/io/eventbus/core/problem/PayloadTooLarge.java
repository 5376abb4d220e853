package io.eventbus.core.problem;

/**
 * HTTP 413, code {@code PayloadTooLarge}: a part of the request (a queue message, ...) is larger than its own
 * limit, which is below the server's request size limit.
 */
public final class PayloadTooLarge extends EventbusException {

    public PayloadTooLarge(String location, String detail) {
        super(413, "PayloadTooLarge", detail, location);
    }
}
