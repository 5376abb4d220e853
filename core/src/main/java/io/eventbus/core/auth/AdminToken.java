package io.eventbus.core.auth;

import io.eventbus.core.role.Role;
import io.eventbus.core.secret.OwnerOnlyFile;
import io.eventbus.core.startup.StartupFailure;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The admin token: what control-plane routes require, and what ingest accepts besides API keys (docs/adr/0010).
 * It comes from {@code EVENTBUS_ADMIN_TOKEN} (property {@value #PROPERTY}); otherwise it is read from
 * {@code $EVENTBUS_HOME/admin-token}, and a process with the control role generates it there (mode 0600) on the
 * first start. A process with only the data role never generates one: without the variable or the file it has no
 * admin token ({@link #isSet()} is false), and its ingest takes API keys only. The token is never logged; a
 * generated one is handed out once, for the banner.
 *
 * <p>Both roles have this bean. Thread-safe and immutable after construction, which happens at start-up (a
 * {@link Context} bean), so a broken token file stops the start instead of the first request.
 */
@Context
public final class AdminToken {

    public static final String PROPERTY = "eventbus.admin.token";
    static final String FILE_NAME = "admin-token";
    static final int MIN_LENGTH = 16;
    static final String PREFIX = "eb_admin_";

    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);

    @Nullable
    private final byte[] token;
    private final String origin;
    private final AtomicReference<String> newlyGenerated = new AtomicReference<>();

    AdminToken(@Nullable @Value("${" + PROPERTY + ":}") String configured,
               @Value("${eventbus.home:.eventbus}") String home,
               @Nullable @Value("${" + Role.PROPERTY + ":}") String roles) {
        String value;
        if (configured != null && !configured.isBlank()) {
            value = configured.trim();
            if (value.length() < MIN_LENGTH) {
                throw new StartupFailure("EVENTBUS_ADMIN_TOKEN is shorter than " + MIN_LENGTH
                        + " characters; use a long random value (e.g. openssl rand -hex 32)");
            }
            origin = "from EVENTBUS_ADMIN_TOKEN";
        } else {
            Path file = Path.of(home).resolve(FILE_NAME);
            boolean control = Role.parse(roles).contains(Role.CONTROL);
            value = control || Files.exists(file) ? readOrGenerate(file) : null;
            origin = value != null ? "in " + file + " (send it as: Authorization: Bearer <token>)"
                    : "none (set EVENTBUS_ADMIN_TOKEN to let the admin put events here)";
        }
        this.token = value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time comparison of a presented token with the admin token; false when this process has none. */
    public boolean matches(@Nullable String presented) {
        if (presented == null || token == null) {
            return false;
        }
        return MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether this process has an admin token: always with the control role; with the data role only, if given. */
    public boolean isSet() {
        return token != null;
    }

    /**
     * The key of console sessions: derived from the token, so changing the token ends every session. Empty when
     * this process has no admin token.
     */
    Optional<byte[]> sessionKey() {
        if (token == null) {
            return Optional.empty();
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update("eventbus-console-session-key:".getBytes(StandardCharsets.US_ASCII));
            return Optional.of(sha256.digest(token));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Where the token comes from, for the banner; never the token itself. */
    public String origin() {
        return origin;
    }

    /** The token if this start generated it; empty on every later call and every later start. */
    public Optional<String> takeNewlyGenerated() {
        return Optional.ofNullable(newlyGenerated.getAndSet(null));
    }

    private String readOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            String generated = PREFIX + randomSecret();
            OwnerOnlyFile.write(file, generated);
            newlyGenerated.set(generated);
            LOG.info("generated a new admin token in {}", file);
            return generated;
        } catch (IOException e) {
            throw new StartupFailure("cannot read or create the admin token file " + file + ": " + e, e);
        }
    }

    private static String read(Path file) throws IOException {
        String value = OwnerOnlyFile.read(file, LOG);
        if (value.length() < MIN_LENGTH) {
            throw new StartupFailure("the admin token file " + file + " is empty or too short; delete it"
                    + " to generate a new token, or set EVENTBUS_ADMIN_TOKEN");
        }
        return value;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
