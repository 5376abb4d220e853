package io.eventbus.control.delivery;

import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.core.delivery.DeliveryState;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.role.ControlRole;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes a delivery that did not get through ({@code RETRYABLE}: waiting for its next try; {@code DEAD_LETTERED}:
 * given up) {@code AVAILABLE} and due now, so that a data plane attempts it again: the same delivery, so the same
 * {@code webhook-id}, with the next attempt number. After a dead letter that attempt is one more beyond the retry
 * policy: if it fails too, the delivery is dead-lettered again (with a new dead-letter message); the earlier message
 * stays in the dead-letter queue. Audited as {@code delivery.retry}.
 */
@Singleton
@ControlRole
class RetryDelivery {

    /**
     * What retrying does to a delivery row, besides when it is due: AVAILABLE again, unfinished, unleased, held by
     * nothing. One place for it, for {@link BulkRetry} too.
     */
    static final String MAKE_AVAILABLE = "state = 'AVAILABLE', finished_at = NULL, lease_expires_at = NULL,"
            + " leased_by = NULL, held_by = NULL, updated_at = now()";

    private static final String RETRY = """
            WITH before AS (
                SELECT id, state FROM delivery WHERE id = ? FOR UPDATE
            )
            UPDATE delivery d
            SET next_attempt_at = now(), %s
            FROM before
            WHERE d.id = before.id AND before.state IN ('RETRYABLE', 'DEAD_LETTERED')
            RETURNING d.id, d.event_id, d.event_ingested_at, (SELECT name FROM bus WHERE id = d.bus_id), d.rule_name,
                      d.target_id, d.state, before.state, d.attempt, d.next_attempt_at, d.last_error
            """.formatted(MAKE_AVAILABLE);

    private final JdbcOperations jdbc;
    private final AuditLog audit;

    RetryDelivery(JdbcOperations jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The delivery, retried; 404 when there is none, 409 when it is not RETRYABLE or DEAD_LETTERED. */
    @Transactional
    public RetriedDelivery retry(Caller caller, UUID id) {
        Optional<RetriedDelivery> retried = jdbc.prepareStatement(RETRY, ps -> {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RetriedDelivery((UUID) rs.getObject(1), (UUID) rs.getObject(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getInt(9), rs.getTimestamp(10).toInstant(),
                        rs.getString(11)));
            }
        });
        if (retried.isEmpty()) {
            throw refusal(id);
        }
        RetriedDelivery d = retried.get();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("event", d.eventId().toString());
        detail.put("rule", d.rule());
        detail.put("target", d.target());
        detail.put("from", d.previousState());
        detail.put("attempts", d.attempts());
        audit.record(caller, "delivery.retry", "deliveries/" + id, detail);
        return d;
    }

    /** Why {@code id} was not retried: it does not exist, or its state does not allow it. */
    private RuntimeException refusal(UUID id) {
        Optional<String> state = jdbc.prepareStatement("SELECT state FROM delivery WHERE id = ?", ps -> {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
        if (state.isEmpty()) {
            return new NotFound("delivery " + id + " does not exist (or is past its bus' retention)");
        }
        String why = switch (DeliveryState.valueOf(state.get())) {
            case DELIVERED -> "it was delivered";
            case AVAILABLE -> "it is already due and waits for a worker";
            case RUNNING -> "an attempt is under way";
            default -> "its state does not allow it";
        };
        return new Conflict("delivery " + id + " is " + state.get() + ": " + why + "; only a RETRYABLE or"
                + " DEAD_LETTERED delivery can be retried");
    }
}
