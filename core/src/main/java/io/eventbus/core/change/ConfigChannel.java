package io.eventbus.core.change;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The PostgreSQL notification channel on which changes are announced to every process of the installation. A
 * payload is the name of a bus whose configuration (the bus itself, its rules or targets, or a connection one of
 * its targets uses) changed, or {@code <kind>:<value>} for other changes (a colon is never part of a bus name;
 * {@link #isBus(String)}), such as a revoked console session. A listener ignores kinds it does not know, and a
 * data plane of the previous release takes such a payload for a bus that does not exist, which costs it one query.
 * {@code pg_notify} is transactional: listeners hear of a change only once it is committed, and never of a
 * rolled-back one. {@link ListenForChanges} hears them in every process and hands them to each
 * {@link Listener}.
 */
public final class ConfigChannel {

    public static final String NAME = "eventbus_config";

    private ConfigChannel() {
    }

    /** Queues the notification in the transaction of {@code connection}; it is sent at commit. */
    public static void announce(Connection connection, String payload) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, NAME);
            ps.setString(2, payload);
            ps.execute();
        }
    }

    /** Whether a payload names a bus rather than another kind of change. */
    public static boolean isBus(String payload) {
        return payload.indexOf(':') < 0;
    }

    /**
     * A bean that hears what is announced on the channel. Its methods run on the one listening thread of the
     * process, one call at a time; an exception ends the connection and the listener reconnects (after which
     * {@link #missedAnnouncements()} is called).
     */
    public interface Listener {

        /** One payload, once the change is committed. */
        void announced(String payload) throws Exception;

        /**
         * Announcements may have been missed: called after each (re)connect, once the channel is listened to, so
         * nothing announced later is missed either. Reread what the announcements would have told.
         */
        void missedAnnouncements() throws Exception;
    }
}
