package io.eventbus.core.secret;

/**
 * A stored secret that cannot be decrypted: encrypted with another key, damaged, or not an encrypted secret at
 * all. The message says which, and never contains the secret.
 */
public final class SecretUnreadable extends RuntimeException {

    SecretUnreadable(String message) {
        super(message);
    }

    SecretUnreadable(String message, Throwable cause) {
        super(message, cause);
    }
}
