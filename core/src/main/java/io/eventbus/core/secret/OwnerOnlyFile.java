package io.eventbus.core.secret;

import org.slf4j.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files in the Eventbus home that hold a secret (the admin token, the secret key): written once, mode 0600 from
 * the first byte and atomically, so no reader ever sees a partial or open file; read back with a warning when
 * others may read them. Not thread-safe; used at start-up.
 */
public final class OwnerOnlyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFile() {
    }

    /** Writes {@code value} and a newline; fails with {@link FileAlreadyExistsException} if the file appeared. */
    public static void write(Path file, String value) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
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

    /** The file's content, trimmed; logs a warning through {@code log} when the file is readable by others. */
    public static String read(Path file, Logger log) throws IOException {
        String value = Files.readString(file, StandardCharsets.UTF_8).trim();
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("{} is readable by others ({}); chmod 600 it", file, PosixFilePermissions.toString(permissions));
        }
        return value;
    }
}
