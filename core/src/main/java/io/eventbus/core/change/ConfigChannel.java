package io.eventbus.core.change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The PostgreSQL notification channel on which the control plane announces configuration changes. The
 * payload is the name of the bus whose configuration (the bus itself, its rules or targets, or a connection one
 * of its targets uses) changed.
 * {@code pg_notify} is transactional: listeners hear of a change only once it is committed, and never of a
 * rolled-back one. The data plane listens and rebuilds that bus' rule set; what it remembers of the bus' targets
 * is forgotten with the old rule set.
 */
public final class ConfigChannel {

    public static final String NAME = "eventbus_config";

    private ConfigChannel() {
    }

    /** Queues the notification in the transaction of {@code connection}; it is sent at commit. */
    public static void announce(Connection connection, String bus) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, NAME);
            ps.setString(2, bus);
            ps.execute();
        }
    }
}
