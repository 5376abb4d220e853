package io.eventbus.core.secret;

import io.eventbus.core.startup.StartupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * {@code $EVENTBUS_HOME/secret-key}: the base64 of 32 random bytes, written once (mode 0600 from the first byte,
 * atomically) and read on every later start, like the admin token file ({@link OwnerOnlyFile}). Not thread-safe;
 * used once, at start-up.
 */
final class SecretKeyFile {

    static final String FILE_NAME = "secret-key";

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyFile.class);

    private SecretKeyFile() {
    }

    /** The key stored in {@code file}, or a new one written there. {@code generated[0]} tells which. */
    static byte[] readOrGenerate(Path file, boolean[] generated) {
        try {
            if (Files.exists(file)) {
                generated[0] = false;
                return read(file);
            }
            byte[] key = new byte[Secrets.KEY_BYTES];
            new SecureRandom().nextBytes(key);
            OwnerOnlyFile.write(file, Base64.getEncoder().encodeToString(key));
            generated[0] = true;
            return key;
        } catch (IOException e) {
            throw new StartupFailure("cannot read or create the secret key file " + file + ": " + e, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        byte[] key = Secrets.decodeKey(OwnerOnlyFile.read(file, LOG));
        if (key == null) {
            throw new StartupFailure("the secret key file " + file + " does not hold the base64 of 32 bytes; restore"
                    + " it from a backup or set EVENTBUS_SECRET_KEY to the key used before (a new key makes stored"
                    + " secrets unreadable)");
        }
        return key;
    }
}
