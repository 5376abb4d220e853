package io.eventbus.core.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * A new delivery of an event that is already stored, to one target: what a redrive of a dead letter makes. The
 * data plane's outbox writes the deliveries of new and replayed events itself, in the statements that store the
 * events; every other delivery row is written here, so there is one shape of a new delivery outside the outbox.
 *
 * @param due when its first attempt is due; it is stored {@code AVAILABLE}, attempt 0, for any data plane to claim
 */
public record NewDelivery(UUID id, UUID eventId, Instant eventIngestedAt, long busId, String ruleName,
                          String targetId, Instant due) {

    private static final String INSERT = """
            INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, next_attempt_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """;

    /** Writes it in {@code c}'s transaction. */
    public void insert(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, id);
            ps.setObject(2, eventId);
            ps.setTimestamp(3, Timestamp.from(eventIngestedAt));
            ps.setLong(4, busId);
            ps.setString(5, ruleName);
            ps.setString(6, targetId);
            ps.setTimestamp(7, Timestamp.from(due));
            ps.executeUpdate();
        }
    }
}
