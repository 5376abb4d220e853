package io.eventbus.data.deliver;

import io.eventbus.data.retry.DeliveryOutcome;

/**
 * A connection could not be applied to an attempt (no token, an unreadable secret, a refused token endpoint):
 * the attempt ends with {@link #outcome} before the target is called. The message never holds a secret.
 */
final class ConnectionFailed extends RuntimeException {

    private final DeliveryOutcome outcome;

    ConnectionFailed(DeliveryOutcome outcome, String message) {
        super(message, null, false, false);
        this.outcome = outcome;
    }

    static ConnectionFailed retryable(String code, String message) {
        return new ConnectionFailed(new DeliveryOutcome.Retryable(code, message, java.util.Optional.empty()),
                code + ": " + message);
    }

    static ConnectionFailed permanent(String code, String message) {
        return new ConnectionFailed(new DeliveryOutcome.Permanent(code, message), code + ": " + message);
    }

    DeliveryOutcome outcome() {
        return outcome;
    }
}
