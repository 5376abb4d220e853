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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * The console's session: after sign-in with the admin token the browser holds an HttpOnly, SameSite=Strict
 * cookie {@value #COOKIE} = {@code v1.<expiry epoch seconds>.<HMAC-SHA256 of the expiry>}, keyed by a hash of the
 * admin token. Nothing is stored on the server, so every process with the same token accepts it;
 * changing the admin token ends every session. Sign-out removes the cookie from the browser; a copied cookie
 * stays valid until it expires ({@code eventbus.console.session-duration}, default 12 h). Both roles have this
 * bean: the control plane issues sessions and accepts them, the data plane's ingest accepts them too (through
 * {@link AdminCredentials}); a process without an admin token ({@link AdminToken#isSet()}) accepts none.
 * Thread-safe.
 */
@Singleton
public final class ConsoleSession {

    public static final String COOKIE = "eventbus_session";
    private static final String VERSION = "v1";

    @Nullable
    private final byte[] key;
    private final Duration duration;
    private final Clock clock;

    @Inject
    ConsoleSession(AdminToken token, @Value("${eventbus.console.session-duration:12h}") Duration duration) {
        this(token.sessionKey().orElse(null), duration, Clock.systemUTC());
    }

    ConsoleSession(@Nullable byte[] key, Duration duration, Clock clock) {
        this.key = key == null ? null : key.clone();
        this.duration = duration;
        this.clock = clock;
    }

    /** A new session value, valid for the session duration from now. Only a process with an admin token issues one. */
    public String issue() {
        if (key == null) {
            throw new IllegalStateException("no admin token in this process, so no console sessions");
        }
        long expires = clock.instant().plus(duration).getEpochSecond();
        return VERSION + "." + expires + "." + mac(expires);
    }

    public Duration duration() {
        return duration;
    }

    /** When {@code value} expires, if it is a session this server issued and it has not expired. */
    public Optional<Instant> verify(@Nullable String value) {
        if (value == null || key == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        boolean authentic = MessageDigest.isEqual(mac(expires).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        Instant until = Instant.ofEpochSecond(expires);
        return authentic && until.isAfter(clock.instant()) ? Optional.of(until) : Optional.empty();
    }

    private String mac(long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(("eventbus-console-session:" + expires).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
