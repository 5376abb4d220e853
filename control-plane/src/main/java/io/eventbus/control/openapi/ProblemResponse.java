package io.eventbus.control.openapi;

/** Response descriptions shared by the controllers' OpenAPI annotations. */
public final class ProblemResponse {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String BAD_REQUEST = "Invalid request: problem+json with `code` and `location`";
    public static final String UNAUTHORIZED = "Missing or wrong admin token";
    public static final String NOT_FOUND = "No such resource";
    public static final String CONFLICT = "Conflicts with the current state (exists already, in use, limit)";
    public static final String PRECONDITION_FAILED = "If-Match does not match the current ETag";

    private ProblemResponse() {
    }
}
