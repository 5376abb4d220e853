package io.eventbus.data.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention by whole days: drops the daily partitions {@code <parent>_<yyyymmdd>} of a partitioned table whose day
 * is before a given day (the events' {@code event_*}, an archive's {@code archived_event_<id>_*}). On the caller's
 * connection; not thread-safe, run under {@link ApplyRetention}'s lock.
 */
final class DropDays {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final String PARTITIONS = """
            SELECT child.relname FROM pg_inherits i
            JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent
            WHERE parent.relname = ? AND child.relname ~ ('^' || ? || '_[0-9]{8}$')
            """;

    private DropDays() {
    }

    /**
     * Drops the daily partitions of {@code parent} for days before {@code firstKept}; returns their names.
     *
     * @param parent a table name the code makes (a word and digits), never text from a request
     */
    static List<String> before(Connection c, String parent, LocalDate firstKept) throws SQLException {
        String first = firstKept.format(DAY);
        List<String> old = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(PARTITIONS)) {
            ps.setString(1, parent);
            ps.setString(2, parent);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (name.substring(parent.length() + 1).compareTo(first) < 0) {
                        old.add(name);
                    }
                }
            }
        }
        for (String name : old) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + name); // a partition of parent named <parent>_<8 digits>
            }
        }
        return old;
    }
}
