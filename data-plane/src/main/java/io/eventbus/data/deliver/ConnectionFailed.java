package io.eventbus.data.deliver;

import io.eventbus.data.retry.DeliveryOutcome;

/**
 * A connection could not be applied to an attempt (no token, an unreadable secret, a refused token endpoint):
 * the attempt ends with {@link #outcome} before the target is called. The message never holds a secret.
 */
final class ConnectionFailed extends RuntimeException {

    private final DeliveryOutcome outcome;

    private ConnectionFailed(DeliveryOutcome outcome) {
        super(outcome.error(), null, false, false);
        this.outcome = outcome;
    }

    static ConnectionFailed retryable(String code, String message) {
        return new ConnectionFailed(DeliveryOutcome.retryable(code, message));
    }

    static ConnectionFailed permanent(String code, String message) {
        return new ConnectionFailed(DeliveryOutcome.permanent(code, message));
    }

    DeliveryOutcome outcome() {
        return outcome;
    }
}
