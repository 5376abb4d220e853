package io.eventbus.core.http;

import io.eventbus.core.problem.PayloadTooLarge;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.exceptions.ContentLengthExceededException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies that may be absent, bound as {@code @Nullable @Body InputStream} and read here. A body that
 * may be absent cannot be bound as {@code @Nullable byte[]} without Micronaut's processor warning, at every
 * build, that a primitive may be null (it counts {@code byte[]} as primitive). The controllers that take one run
 * on the blocking pool, where reading the stream is allowed. A body over the server's limit
 * ({@code micronaut.server.max-request-size}) is found while it is read, and refused as {@link PayloadTooLarge}
 * like one that Micronaut refuses before the route. Stateless.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** Every byte of {@code body}, closing it; null when there is no body or it is empty. */
    @Nullable
    public static byte[] bytes(@Nullable InputStream body) throws IOException {
        if (body == null) {
            return null;
        }
        try (body) {
            byte[] bytes = body.readAllBytes();
            return bytes.length == 0 ? null : bytes;
        } catch (IOException e) {
            if (e.getCause() instanceof ContentLengthExceededException tooLong) {
                // a streamed body meets the server's limit while it is read here, not before the route
                throw new PayloadTooLarge("body", tooLong.getMessage());
            }
            throw e;
        }
    }
}
