package io.eventbus.data.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Makes deliveries whose worker died (its lease expired while {@code RUNNING}) {@code AVAILABLE} again, so
 * another worker attempts them; the attempt that was under way counts as made. A late outcome of the dead
 * worker is refused, since it no longer holds the lease. Pure function of the database; the caller commits.
 */
final class RescueExpiredLeases {

    private static final String RESCUE = """
            UPDATE delivery SET state = 'AVAILABLE', leased_by = NULL, lease_expires_at = NULL,
                                next_attempt_at = now(), updated_at = now()
            WHERE state = 'RUNNING' AND lease_expires_at < now()
            """;

    private RescueExpiredLeases() {
    }

    /** Returns how many deliveries were rescued. */
    static int rescue(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RESCUE)) {
            return ps.executeUpdate();
        }
    }
}
