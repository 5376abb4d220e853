package io.eventbus.data.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The SQL of one replay page, inside the caller's (durable) transaction: first move the replay's position and
 * extend its lease, but only while the caller holds the lease and the replay is {@code RUNNING}; then store the
 * events and deliveries. Because both commit together, a replay that resumes after a crash starts right after
 * the last page stored: it neither skips nor repeats an event. Pure function of its arguments and the database.
 */
final class WriteReplayPage {

    private static final String MOVE_POSITION = """
            UPDATE replay SET position_time = ?, position_id = ?, events_replayed = events_replayed + ?,
                              deliveries = deliveries + ?, lease_expires_at = now() + make_interval(secs => ?),
                              updated_at = now()
            WHERE id = ? AND leased_by = ? AND state = 'RUNNING'
            """;

    private WriteReplayPage() {
    }

    /** False, having written nothing, when the lease is lost or the replay is no longer RUNNING. */
    static boolean movePosition(Connection c, ReplayPage page) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(MOVE_POSITION)) {
            ps.setObject(1, OffsetDateTime.ofInstant(page.positionTime(), ZoneOffset.UTC));
            ps.setObject(2, page.positionId());
            ps.setLong(3, page.goneThrough());
            ps.setLong(4, page.deliveries());
            ps.setDouble(5, page.lease().toMillis() / 1000.0);
            ps.setLong(6, page.replayId());
            ps.setString(7, page.worker());
            return ps.executeUpdate() == 1;
        }
    }
}
