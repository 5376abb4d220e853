package io.eventbus.core.secret;

import io.eventbus.core.role.Role;
import io.eventbus.core.startup.StartupFailure;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Encrypts secrets before they are stored and decrypts them where they are used: AES-256-GCM with a random
 * 12-byte nonce per value. A stored value reads {@code eb1:<key id>:<base64url(nonce || ciphertext || tag)>};
 * the key id (8 hex digits of the key's SHA-256) says which key encrypted it, so a process with another key
 * fails with a message that says so instead of producing garbage, and the header is authenticated with the
 * data.
 *
 * <p>The key is {@code EVENTBUS_SECRET_KEY} (property {@value #PROPERTY}, the base64 of 32 bytes); without it,
 * {@code $EVENTBUS_HOME/secret-key}, generated there on the first start. Every process on one database needs
 * the same key (docs/adr/0006). Both roles have this bean; it is created at start-up (a {@link Context} bean)
 * so a bad key stops the start. Thread-safe and immutable; neither the key nor a secret is ever logged.
 */
@Context
public final class Secrets {

    public static final String PROPERTY = "eventbus.secret-key";
    static final int KEY_BYTES = 32;
    static final String VERSION = "eb1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Logger LOG = LoggerFactory.getLogger(Secrets.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;
    private final String origin;

    Secrets(@Nullable @Value("${" + PROPERTY + ":}") String configured,
            @Value("${eventbus.home:.eventbus}") String home,
            @Nullable @Value("${" + Role.PROPERTY + ":}") String roles) {
        byte[] bytes;
        if (configured != null && !configured.isBlank()) {
            bytes = decodeKey(configured.trim());
            if (bytes == null) {
                throw new StartupFailure("EVENTBUS_SECRET_KEY is not the base64 of 32 bytes; use the key used"
                        + " before, or for a new installation: openssl rand -base64 32");
            }
            origin = "from EVENTBUS_SECRET_KEY";
        } else {
            Path file = Path.of(home).resolve(SecretKeyFile.FILE_NAME);
            boolean[] generated = new boolean[1];
            bytes = SecretKeyFile.readOrGenerate(file, generated);
            origin = "in " + file;
            if (generated[0]) {
                LOG.info("generated a new secret key in {}; back it up with the database", file);
                if (!Role.parse(roles).containsAll(Set.of(Role.values()))) {
                    LOG.warn("this process runs only some roles and generated its own secret key; every process on"
                            + " one database needs the same key: set EVENTBUS_SECRET_KEY");
                }
            }
        }
        this.key = new SecretKeySpec(bytes, "AES");
        this.keyId = keyId(bytes);
    }

    /** A key from its configured form (base64 of 32 bytes), or null when it is not one. */
    static @Nullable byte[] decodeKey(String base64) {
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return bytes.length == KEY_BYTES ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code value} looks like something {@link #encrypt} made (it may still be unreadable). */
    public static boolean isEncrypted(@Nullable String value) {
        return value != null && value.startsWith(VERSION + ":");
    }

    /** Where the key comes from, for the banner and logs; never the key itself. */
    public String origin() {
        return origin;
    }

    /** The stored form of {@code plaintext}: different on every call (random nonce). */
    public String encrypt(String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return header() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    /**
     * The plaintext of a stored value made by {@link #encrypt}.
     *
     * @throws SecretUnreadable when it was encrypted with another key, is damaged, or is not an encrypted value
     */
    public String decrypt(String stored) {
        if (!isEncrypted(stored)) {
            throw new SecretUnreadable("the stored secret is not encrypted (expected " + VERSION + ":<key id>:<data>)");
        }
        String[] parts = stored.split(":", -1);
        if (parts.length != 3) {
            throw new SecretUnreadable("the stored secret is damaged (expected " + VERSION + ":<key id>:<data>)");
        }
        if (!parts[1].equals(keyId)) {
            throw new SecretUnreadable("secret was encrypted with another key (key id " + parts[1] + ", this process has "
                    + keyId + "); set EVENTBUS_SECRET_KEY to the key used before");
        }
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SecretUnreadable("the stored secret is damaged (not base64url)");
        }
        if (data.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnreadable("the stored secret is damaged (too short)");
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, java.util.Arrays.copyOf(data, NONCE_BYTES));
            return new String(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretUnreadable("the stored secret is damaged: it does not authenticate with this key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(header().getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    private String header() {
        return VERSION + ":" + keyId;
    }

    private static String keyId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
