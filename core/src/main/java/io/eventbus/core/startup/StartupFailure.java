package io.eventbus.core.startup;

/**
 * A start-up problem the operator can fix, with a message that says what and how in one line. The launcher
 * prints the message alone (no stack trace) and exits non-zero.
 */
public final class StartupFailure extends RuntimeException {

    public StartupFailure(String message) {
        super(message);
    }

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
