package io.eventbus.sdk;

/**
 * A webhook request that {@link WebhookVerifier} refused: a header is missing or malformed, its timestamp is too old
 * or in the future, or no signature matches the payload. The message says which; answer the request with 400 and
 * do not act on it. Carries no secret and no payload.
 */
public class WebhookVerificationException extends RuntimeException {

    /** A refusal that says what failed. */
    public WebhookVerificationException(String message) {
        super(message);
    }
}
