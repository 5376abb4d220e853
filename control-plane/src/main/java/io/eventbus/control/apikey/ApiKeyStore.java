package io.eventbus.control.apikey;

import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.core.apikey.ApiKeySecrets;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** API keys in PostgreSQL, secrets as hashes only. Each public method is one transaction. Thread-safe. */
@Singleton
@ControlRole
public class ApiKeyStore {

    private static final String SELECT = "SELECT id, name, buses, queues, created_at, last_used_at, revoked_at FROM api_key";

    private final JdbcOperations jdbc;
    private final AuditLog audit;

    ApiKeyStore(JdbcOperations jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** Creates a key and returns it with its secret, the only time the secret is seen. */
    @Transactional
    public ApiKey create(Caller caller, String name, List<String> buses, List<String> queues) {
        UUID id = UUID.randomUUID();
        String secret = ApiKeySecrets.generate();
        boolean inserted = jdbc.prepareStatement("""
                INSERT INTO api_key (id, name, secret_hash, buses, queues) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (name) DO NOTHING
                """, ps -> {
            ps.setObject(1, id);
            ps.setString(2, name);
            ps.setBytes(3, ApiKeySecrets.hash(secret));
            ps.setArray(4, ps.getConnection().createArrayOf("text", buses.toArray()));
            ps.setArray(5, ps.getConnection().createArrayOf("text", queues.toArray()));
            return ps.executeUpdate() == 1;
        });
        if (!inserted) {
            throw new Conflict("an API key named '" + name + "' already exists");
        }
        audit.record(caller, "apikey.create", "api-keys/" + id, Map.of("name", name, "buses", buses, "queues", queues));
        return find(id).orElseThrow().withSecret(secret);
    }

    @Transactional(readOnly = true)
    public List<ApiKey> list() {
        return jdbc.prepareStatement(SELECT + " ORDER BY created_at, name", ApiKeyStore::all);
    }

    @Transactional(readOnly = true)
    public Optional<ApiKey> find(UUID id) {
        return jdbc.prepareStatement(SELECT + " WHERE id = ?", ps -> {
            ps.setObject(1, id);
            return all(ps).stream().findFirst();
        });
    }

    /**
     * Changes what a key may do; its secret stays. The data plane sees it within its API-key cache time
     * ({@code eventbus.ingest.api-key-cache-seconds}).
     *
     * @throws NotFound when there is no such key
     * @throws Conflict when the key is revoked
     */
    @Transactional
    public ApiKey updateScope(Caller caller, UUID id, List<String> buses, List<String> queues) {
        ApiKey before = find(id).orElseThrow(() -> new NotFound("API key " + id + " does not exist"));
        if (before.revokedAt() != null) {
            throw new Conflict("API key " + before.name() + " is revoked; create a new one instead");
        }
        jdbc.prepareStatement("UPDATE api_key SET buses = ?, queues = ? WHERE id = ?", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", buses.toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("text", queues.toArray()));
            ps.setObject(3, id);
            return ps.executeUpdate();
        });
        audit.record(caller, "apikey.update", "api-keys/" + id, Map.of("name", before.name(), "buses", buses,
                "queues", queues));
        return find(id).orElseThrow();
    }

    /** Revokes a key for good; revoking a revoked key changes nothing. */
    @Transactional
    public ApiKey revoke(Caller caller, UUID id) {
        int changed = jdbc.prepareStatement("UPDATE api_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL",
                ps -> {
                    ps.setObject(1, id);
                    return ps.executeUpdate();
                });
        ApiKey key = find(id).orElseThrow(() -> new NotFound("API key " + id + " does not exist"));
        if (changed == 1) {
            audit.record(caller, "apikey.revoke", "api-keys/" + id, Map.of("name", key.name()));
        }
        return key;
    }

    private static List<ApiKey> all(PreparedStatement ps) throws SQLException {
        List<ApiKey> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ApiKey(rs.getObject(1, UUID.class), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray()),
                        Arrays.asList((String[]) rs.getArray(4).getArray()), null, instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6)), instant(rs.getTimestamp(7))));
            }
        }
        return out;
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
