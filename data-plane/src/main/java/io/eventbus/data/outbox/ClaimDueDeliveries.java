package io.eventbus.data.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Claims due deliveries in ONE statement: select {@code AVAILABLE}/{@code RETRYABLE} rows whose time has come
 * ({@code FOR UPDATE SKIP LOCKED}, so concurrent pollers in any number of processes never take the same row),
 * mark them {@code RUNNING} with the next attempt number and a lease, and return them. Pure function of its
 * arguments and the database; the caller commits.
 */
final class ClaimDueDeliveries {

    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM delivery
                WHERE state IN ('AVAILABLE', 'RETRYABLE') AND next_attempt_at <= now()
                ORDER BY next_attempt_at
                LIMIT ?
                FOR UPDATE SKIP LOCKED
            )
            UPDATE delivery d
            SET state = 'RUNNING', attempt = d.attempt + 1, leased_by = ?, held_by = NULL,
                lease_expires_at = now() + make_interval(secs => ?), updated_at = now()
            FROM due WHERE d.id = due.id
            RETURNING d.id, d.event_id, d.event_ingested_at, d.bus_id, d.rule_name, d.target_id, d.attempt,
                      d.lease_expires_at
            """;

    private ClaimDueDeliveries() {
    }

    static List<ClaimedDelivery> claim(Connection c, String worker, int limit, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setInt(1, limit);
            ps.setString(2, worker);
            ps.setDouble(3, lease.toMillis() / 1000.0);
            List<ClaimedDelivery> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getString(5), rs.getString(6),
                            rs.getInt(7), rs.getTimestamp(8).toInstant(), null));
                }
            }
            return claimed;
        }
    }
}
