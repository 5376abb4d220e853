package io.eventbus.core.secret;

import io.eventbus.core.startup.StartupFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * {@code $EVENTBUS_HOME/secret-key}: the base64 of 32 random bytes, written once (mode 0600 from the first byte,
 * atomically) and read on every later start. The same way as the admin token file, on purpose. Not thread-safe;
 * used once, at start-up.
 */
final class SecretKeyFile {

    static final String FILE_NAME = "secret-key";

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeyFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

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
            write(file, Base64.getEncoder().encodeToString(key));
            generated[0] = true;
            return key;
        } catch (IOException e) {
            throw new StartupFailure("cannot read or create the secret key file " + file + ": " + e, e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).trim();
        byte[] key = Secrets.decodeKey(value);
        if (key == null) {
            throw new StartupFailure("the secret key file " + file + " does not hold the base64 of 32 bytes; restore"
                    + " it from a backup or set EVENTBUS_SECRET_KEY to the key used before (a new key makes stored"
                    + " secrets unreadable)");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            LOG.warn("the secret key file {} is readable by others ({}); chmod 600 it",
                    file, PosixFilePermissions.toString(permissions));
        }
        return key;
    }

    private static void write(Path file, String value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(temp, value + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }
}
