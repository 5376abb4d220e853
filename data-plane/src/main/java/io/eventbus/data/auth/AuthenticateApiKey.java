package io.eventbus.data.auth;

import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.problem.Forbidden;
import io.eventbus.core.problem.Unauthorized;
import io.eventbus.core.role.DataRole;
import io.eventbus.data.ingest.IngestSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the API key of a request: {@code Authorization: Bearer <secret>} of a key that is not revoked and whose
 * scope holds the bus (producers) or the queue (queue consumers), by name or {@code *}. Keys are looked up by the
 * SHA-256 of the secret and cached for {@code eventbus.ingest.api-key-cache-seconds} (an ingest setting because
 * producers had keys first). A key that authenticates is noted as used ({@link RecordKeyUse}), whatever its scope
 * then allows. Thread-safe.
 */
@Singleton
@DataRole
public class AuthenticateApiKey {

    private static final String BEARER = "Bearer ";
    private static final String ALL = "*";
    private static final int MAX_CACHED = 10_000;

    private final JdbcOperations jdbc;
    private final IngestSettings settings;
    private final RecordKeyUse uses;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    AuthenticateApiKey(JdbcOperations jdbc, IngestSettings settings, RecordKeyUse uses, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.uses = uses;
        this.clock = clock;
    }

    private record Key(UUID id, String name, List<String> buses, List<String> queues, boolean revoked) {
    }

    private record Cached(Optional<Key> key, Instant until) {
    }

    /**
     * @throws Unauthorized without a key, or with one that does not exist or is revoked
     * @throws Forbidden    with a key of other buses
     */
    public void allowBus(@Nullable String authorization, String bus) {
        Key key = key(authorization, "Putting events needs an API key: send 'Authorization: Bearer <api key secret>'"
                + " (or the admin token)");
        if (!key.buses().contains(ALL) && !key.buses().contains(bus)) {
            throw new Forbidden("API key '" + key.name() + "' may not put events on bus '" + bus + "'");
        }
    }

    /**
     * @throws Unauthorized without a key, or with one that does not exist or is revoked
     * @throws Forbidden    with a key of other queues
     */
    public void allowQueue(@Nullable String authorization, String queue) {
        Key key = key(authorization, "Using a queue needs an API key: send 'Authorization: Bearer <api key secret>'");
        if (!key.queues().contains(ALL) && !key.queues().contains(queue)) {
            throw new Forbidden("API key '" + key.name() + "' may not use queue '" + queue + "' (its queues: "
                    + (key.queues().isEmpty() ? "none" : String.join(", ", key.queues())) + ")");
        }
    }

    /**
     * Whether checking {@code authorization} reads nothing: it holds no API key, or one looked up less than
     * {@code api-key-cache-seconds} ago.
     */
    public boolean checksFromMemory(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return true;
        }
        Cached cached = cache.get(hashOf(authorization.substring(BEARER.length()).trim()));
        return cached != null && cached.until().isAfter(clock.instant());
    }

    private Key key(@Nullable String authorization, String missing) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new Unauthorized(missing);
        }
        Key key = lookup(authorization.substring(BEARER.length()).trim())
                .filter(k -> !k.revoked())
                .orElseThrow(() -> new Unauthorized("The API key is unknown or revoked"));
        uses.used(key.id());
        return key;
    }

    private Optional<Key> lookup(String secret) {
        String hash = hashOf(secret);
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

    private static String hashOf(String secret) {
        return HexFormat.of().formatHex(ApiKeySecrets.hash(secret));
    }

    @Transactional(readOnly = true)
    Optional<Key> read(byte[] hash) {
        return jdbc.prepareStatement(
                "SELECT id, name, buses, queues, revoked_at IS NOT NULL FROM api_key WHERE secret_hash = ?", ps -> {
                    ps.setBytes(1, hash);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next()
                                ? Optional.of(new Key(rs.getObject(1, UUID.class), rs.getString(2), names(rs, 3),
                                names(rs, 4), rs.getBoolean(5)))
                                : Optional.empty();
                    }
                });
    }

    private static List<String> names(ResultSet rs, int column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }
}
