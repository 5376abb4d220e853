package io.eventbus.control.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.control.auth.Caller;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Records a control-plane change in {@code audit_log}, inside the transaction of the change itself, so the
 * log holds exactly the committed changes. Details never contain secrets. Thread-safe.
 */
@Singleton
@ControlRole
public class AuditLog {

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    AuditLog(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * @param action   e.g. {@code bus.create}, {@code rule.put}
     * @param resource e.g. {@code buses/orders/rules/big-orders}
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void record(Caller caller, String action, String resource, Map<String, ?> detail) {
        String detailJson;
        try {
            detailJson = detail == null ? null : json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit detail is not serialisable", e);
        }
        jdbc.prepareStatement("""
                INSERT INTO audit_log (actor, action, resource, detail) VALUES (?, ?, ?, CAST(? AS jsonb))
                """, ps -> {
            ps.setString(1, caller.name());
            ps.setString(2, action);
            ps.setString(3, resource);
            ps.setString(4, detailJson);
            return ps.executeUpdate();
        });
    }
}
