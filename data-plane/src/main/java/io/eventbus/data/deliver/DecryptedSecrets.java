package io.eventbus.data.deliver;

import io.eventbus.core.role.DataRole;
import io.eventbus.core.secret.SecretUnreadable;
import io.eventbus.core.secret.Secrets;
import jakarta.inject.Singleton;

/**
 * The secrets deliveries send on (webhook signing secrets, connection secrets), decrypted once per stored value
 * and kept in memory: every encryption has its own nonce, so a changed secret is a new stored value. Thread-safe.
 */
@Singleton
@DataRole
public class DecryptedSecrets {

    private final Secrets secrets;
    private final Memo<String, String> decrypted = new Memo<>(10_000);

    DecryptedSecrets(Secrets secrets) {
        this.secrets = secrets;
    }

    /** @throws SecretUnreadable when it was encrypted with another key */
    public String reveal(String stored) {
        return decrypted.get(stored, secrets::decrypt);
    }
}
