package io.eventbus.data.ingest;

import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.problem.Forbidden;
import io.eventbus.core.problem.Unauthorized;
import io.eventbus.core.role.DataRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the API key of a producer: {@code Authorization: Bearer <secret>} of a key that is not revoked and is
 * allowed on the bus (or on {@code *}). Keys are looked up by the SHA-256 of the secret and cached for
 * {@code eventbus.ingest.api-key-cache-seconds}. Thread-safe.
 */
@Singleton
@DataRole
public class AuthenticateProducer {

    private static final String BEARER = "Bearer ";
    private static final int MAX_CACHED = 10_000;

    private final JdbcOperations jdbc;
    private final IngestSettings settings;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    AuthenticateProducer(JdbcOperations jdbc, IngestSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    private record Key(String name, List<String> buses, boolean revoked) {
    }

    private record Cached(Optional<Key> key, Instant until) {
    }

    /**
     * @throws Unauthorized without a key, or with one that does not exist or is revoked
     * @throws Forbidden    with a key of other buses
     */
    public void check(@Nullable String authorization, String bus) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new Unauthorized("Putting events needs an API key: send 'Authorization: Bearer <api key secret>'");
        }
        Key key = lookup(authorization.substring(BEARER.length()).trim())
                .filter(k -> !k.revoked())
                .orElseThrow(() -> new Unauthorized("The API key is unknown or revoked"));
        if (!key.buses().contains("*") && !key.buses().contains(bus)) {
            throw new Forbidden("API key '" + key.name() + "' may not put events on bus '" + bus + "'");
        }
    }

    private Optional<Key> lookup(String secret) {
        String hash = HexFormat.of().formatHex(ApiKeySecrets.hash(secret));
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.key();
        }
        Optional<Key> key = read(ApiKeySecrets.hash(secret));
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(hash, new Cached(key, now.plusSeconds(settings.apiKeyCacheSeconds())));
        return key;
    }

    @Transactional(readOnly = true)
    Optional<Key> read(byte[] hash) {
        return jdbc.prepareStatement("SELECT name, buses, revoked_at IS NOT NULL FROM api_key WHERE secret_hash = ?",
                ps -> {
                    ps.setBytes(1, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next()
                                ? Optional.of(new Key(rs.getString(1), Arrays.asList((String[]) rs.getArray(2).getArray()),
                                rs.getBoolean(3)))
                                : Optional.empty();
                    }
                });
    }
}
