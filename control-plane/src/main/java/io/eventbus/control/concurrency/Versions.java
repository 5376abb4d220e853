package io.eventbus.control.concurrency;

import io.eventbus.core.problem.PreconditionFailed;
import io.micronaut.core.annotation.Nullable;

import java.util.OptionalLong;

/**
 * Optimistic concurrency over HTTP: a resource's {@code version} column is its strong {@code ETag}
 * ({@code "7"}); a write with {@code If-Match} proceeds only when the stored version is one of those named
 * ({@code *} matches any existing resource). Pure functions.
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} header requires: empty for no header or {@code *}.
     *
     * @throws PreconditionFailed for a header that names no version of ours (it can never match)
     */
    public static OptionalLong required(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            throw new PreconditionFailed("If-Match needs a strong ETag; " + tag + " is weak");
        }
        try {
            return OptionalLong.of(Long.parseLong(tag.replace("\"", "")));
        } catch (NumberFormatException e) {
            throw new PreconditionFailed("If-Match " + tag + " does not match the current ETag");
        }
    }

    /** Throws 412 when {@code required} is set and differs from {@code current}. */
    public static void check(OptionalLong required, long current, String resource) {
        if (required.isPresent() && required.getAsLong() != current) {
            throw new PreconditionFailed(resource + " has changed: If-Match " + etag(required.getAsLong())
                    + ", current ETag " + etag(current) + ". Read it again and retry.");
        }
    }
}
