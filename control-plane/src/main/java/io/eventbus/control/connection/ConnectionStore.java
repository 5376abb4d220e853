package io.eventbus.control.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.control.concurrency.Versions;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.connection.AuthorizationType;
import io.eventbus.core.connection.ConnectionParameters;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Connections in PostgreSQL. Each public write is one transaction with its audit entry (never the secret).
 * The data plane reads a connection with every delivery, by id and version, so a change needs no
 * notification: the next attempt sees it. Thread-safe.
 */
@Singleton
@ControlRole
public class ConnectionStore {

    private static final String SELECT = """
            SELECT c.name, c.description, c.authorization_type, c.parameters::text, c.created_at, c.updated_at,
                   c.version
            FROM connection c
            """;

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final ObjectMapper json;

    ConnectionStore(JdbcOperations jdbc, AuditLog audit, ObjectMapper json) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.json = json;
    }

    @Transactional
    Connection create(Caller caller, String name, String description, ValidateConnection.ValidConnection valid) {
        boolean inserted = jdbc.prepareStatement("""
                INSERT INTO connection (name, description, authorization_type, parameters, secret)
                VALUES (?, ?, ?, CAST(? AS jsonb), ?) ON CONFLICT (name) DO NOTHING
                """, ps -> {
            ps.setString(1, name);
            ps.setString(2, description);
            ps.setString(3, valid.type().name());
            ps.setString(4, text(valid.parameters()));
            ps.setString(5, valid.encryptedSecret());
            return ps.executeUpdate() == 1;
        });
        if (!inserted) {
            throw new Conflict("connection '" + name + "' already exists");
        }
        audit.record(caller, "connection.create", "connections/" + name, auditDetail(description, valid));
        return find(name).orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<Connection> list() {
        return jdbc.prepareStatement(SELECT + " ORDER BY c.name", this::all);
    }

    @Transactional(readOnly = true)
    public Optional<Connection> find(String name) {
        return jdbc.prepareStatement(SELECT + " WHERE c.name = ?", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        });
    }

    /**
     * Replaces a connection's description and parameters; without a new secret the stored one stays, which
     * only makes sense for the same authorization type.
     */
    @Transactional
    Connection update(Caller caller, String name, String description, ValidateConnection.ValidConnection valid,
                      OptionalLong ifMatch) {
        Connection current = locked(name);
        Versions.check(ifMatch, current.version(), "connection '" + name + "'");
        if (valid.encryptedSecret() == null && current.authorizationType() != valid.type()) {
            String field = ValidateConnection.secretField(valid.type());
            throw new ValidationError(field, field + " is required: the connection changes from "
                    + current.authorizationType() + " to " + valid.type() + ", so there is no stored secret to keep");
        }
        jdbc.prepareStatement("""
                UPDATE connection SET description = ?, authorization_type = ?, parameters = CAST(? AS jsonb),
                                      secret = coalesce(?, secret), version = version + 1, updated_at = now()
                WHERE name = ?
                """, ps -> {
            ps.setString(1, description);
            ps.setString(2, valid.type().name());
            ps.setString(3, text(valid.parameters()));
            ps.setString(4, valid.encryptedSecret());
            ps.setString(5, name);
            return ps.executeUpdate();
        });
        announceUsers(name);
        audit.record(caller, "connection.update", "connections/" + name, auditDetail(description, valid));
        return find(name).orElseThrow();
    }

    /** Deletes a connection; refused while a target authenticates with it. */
    @Transactional
    void delete(Caller caller, String name, OptionalLong ifMatch) {
        Connection current = locked(name);
        Versions.check(ifMatch, current.version(), "connection '" + name + "'");
        List<String> users = users(name);
        if (!users.isEmpty()) {
            throw new Conflict("connection '" + name + "' is in use by " + String.join(", ", users)
                    + "; change those first");
        }
        jdbc.prepareStatement("DELETE FROM connection WHERE name = ?", ps -> {
            ps.setString(1, name);
            return ps.executeUpdate();
        });
        audit.record(caller, "connection.delete", "connections/" + name, null);
    }

    /** Whether a connection exists, for validation before a write. */
    @Transactional(readOnly = true)
    public boolean exists(String name) {
        return jdbc.prepareStatement("SELECT 1 FROM connection WHERE name = ?", ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private Connection locked(String name) {
        return jdbc.prepareStatement(SELECT + " WHERE c.name = ? FOR UPDATE OF c", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        }).orElseThrow(() -> new NotFound("connection '" + name + "' does not exist"));
    }

    /** Tells the data plane, at commit, that the targets of every bus with a target using the connection changed. */
    private void announceUsers(String name) {
        List<String> buses = uses(name).stream().map(Use::bus).distinct().toList();
        jdbc.execute(connection -> {
            for (String bus : buses) {
                ConfigChannel.announce(connection, bus);
            }
            return null;
        });
    }

    /** The first 20 targets using the connection, as a refusal names them. */
    private List<String> users(String name) {
        return uses(name).stream().limit(20).map(Use::toString).toList();
    }

    /** A target that authenticates with a connection. */
    private record Use(String bus, String rule, String target) {

        @Override
        public String toString() {
            return "rule " + bus + "/" + rule + " target " + target;
        }
    }

    private List<Use> uses(String name) {
        return jdbc.prepareStatement("""
                SELECT b.name, r.name, t.target_id
                FROM target t JOIN connection c ON c.id = t.connection_id
                JOIN rule r ON r.id = t.rule_id JOIN bus b ON b.id = r.bus_id
                WHERE c.name = ?
                ORDER BY 'rule ' || b.name || '/' || r.name || ' target ' || t.target_id
                """, ps -> {
            ps.setString(1, name);
            List<Use> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Use(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        });
    }

    private static Map<String, Object> auditDetail(String description, ValidateConnection.ValidConnection valid) {
        Map<String, Object> detail = new HashMap<>();
        detail.put("description", description);
        detail.put("authorizationType", valid.type().name());
        detail.put("authParameters", Connection.AuthParametersView.of(valid.type(), valid.parameters()));
        detail.put("secretChanged", valid.encryptedSecret() != null);
        return detail;
    }

    private List<Connection> all(PreparedStatement ps) throws SQLException {
        List<Connection> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                AuthorizationType type = AuthorizationType.valueOf(rs.getString(3));
                out.add(new Connection(rs.getString(1), rs.getString(2), type,
                        Connection.AuthParametersView.of(type, parse(rs.getString(4))), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant(), rs.getLong(7)));
            }
        }
        return out;
    }

    private String text(ConnectionParameters parameters) {
        try {
            return json.writeValueAsString(parameters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ConnectionParameters parse(String text) {
        try {
            return json.readValue(text, ConnectionParameters.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored connection parameters are not readable", e);
        }
    }
}
