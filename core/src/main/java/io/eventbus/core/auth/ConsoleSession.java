package io.eventbus.core.auth;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's session: after sign-in with the admin token the browser holds an HttpOnly, SameSite=Strict
 * cookie {@value #COOKIE} = {@code v2.<session id>.<expiry epoch seconds>.<HMAC-SHA256 of both>}, keyed by a hash
 * of the admin token; the id is 128 random bits. Checking one needs nothing but memory, so every process with the
 * same token accepts it, on the event loop; changing the admin token ends every session.
 *
 * <p>Signing out revokes the session on the server ({@link #revoke}), not only in the browser: its id goes to
 * {@link RevokedSessions}, which writes it to the database and announces it on the config channel, so every
 * process of the installation (control and data planes, any number of pods) refuses a copy of the cookie within
 * a second, and a process started later reads it at start (docs/adr/0011). Other sessions stay valid. A session
 * not signed out ends when it expires ({@code eventbus.console.session-duration}, default 12 h). Cookies of the
 * first format ({@code v1.}, without an id, so impossible to revoke) are no longer accepted: their holders sign in
 * again.
 *
 * <p>Both roles have this bean: the control plane issues, accepts and revokes sessions, the data plane's ingest
 * accepts them too (through {@link AdminCredentials}); a process without an admin token ({@link AdminToken#isSet()})
 * accepts none. Thread-safe.
 */
@Singleton
public final class ConsoleSession {

    public static final String COOKIE = "eventbus_session";
    private static final String VERSION = "v2";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Nullable
    private final byte[] key;
    private final Duration duration;
    private final Clock clock;
    private final RevokedSessions revoked;

    /** A session this process accepts: who it is and until when. */
    record Valid(String id, Instant expires) {
    }

    @Inject
    ConsoleSession(AdminToken token, @Value("${eventbus.console.session-duration:12h}") Duration duration,
                   RevokedSessions revoked, Clock clock) {
        this(token.sessionKey().orElse(null), duration, clock, revoked);
    }

    ConsoleSession(@Nullable byte[] key, Duration duration, Clock clock, RevokedSessions revoked) {
        this.key = key == null ? null : key.clone();
        this.duration = duration;
        this.clock = clock;
        this.revoked = revoked;
    }

    /** A new session value, valid for the session duration from now. Only a process with an admin token issues one. */
    public String issue() {
        if (key == null) {
            throw new IllegalStateException("no admin token in this process, so no console sessions");
        }
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        long expires = clock.instant().plus(duration).getEpochSecond();
        return VERSION + "." + id + "." + expires + "." + mac(id, expires);
    }

    public Duration duration() {
        return duration;
    }

    /**
     * When {@code value} expires, if it is a session this server issued, not expired and not signed out. Memory
     * only: safe on the event loop.
     */
    public Optional<Instant> verify(@Nullable String value) {
        return valid(value).filter(session -> !revoked.isRevoked(session.id())).map(Valid::expires);
    }

    /**
     * Signs the session {@code value} out in every process of the installation; false when it is no valid session
     * (then there is nothing to revoke). Blocking: writes to the database.
     */
    public boolean revoke(@Nullable String value) throws SQLException {
        Optional<Valid> session = valid(value);
        if (session.isEmpty()) {
            return false;
        }
        revoked.revoke(session.get().id(), session.get().expires());
        return true;
    }

    private Optional<Valid> valid(@Nullable String value) {
        if (value == null || key == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[1].isEmpty()) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean authentic = MessageDigest.isEqual(mac(parts[1], expires).getBytes(StandardCharsets.US_ASCII),
                parts[3].getBytes(StandardCharsets.US_ASCII));
        Instant until = Instant.ofEpochSecond(expires);
        return authentic && until.isAfter(clock.instant()) ? Optional.of(new Valid(parts[1], until)) : Optional.empty();
    }

    private String mac(String id, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(("eventbus-console-session:" + VERSION + ":" + id + ":" + expires)
                    .getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
