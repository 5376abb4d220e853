package io.eventbus.data.maintenance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The archives' share of maintenance, on the caller's connection: the daily partitions of every archive a week
 * ahead, and retention by whole days: an archive with {@code retention_days} N drops each daily partition that ended
 * more than N days ago (never row by row; rows that landed in its default partition, when maintenance had not run
 * for a week, are deleted by age). An archive kept forever (0) drops nothing. Not thread-safe; run under
 * {@link ApplyRetention}'s lock.
 */
final class KeepArchives {

    /** The cut is the start of a day: the daily partitions after it are pruned, only the default one is read. */
    private static final String DELETE_OLD_DEFAULT = """
            DELETE FROM archived_event WHERE archive_id = ? AND ingested_at < ?
            """;

    private record Archive(long id, int retentionDays) {
    }

    private KeepArchives() {
    }

    /** One pass; returns the partitions dropped. */
    static List<String> run(Connection c, int daysAhead) throws SQLException {
        List<String> dropped = new ArrayList<>();
        for (Archive archive : archives(c)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT eventbus_ensure_archive_partitions(?, ?)")) {
                ps.setLong(1, archive.id());
                ps.setInt(2, daysAhead);
                ps.execute();
            }
            if (archive.retentionDays() > 0) {
                dropped.addAll(dropExpiredDays(c, archive));
            }
        }
        return dropped;
    }

    private static List<Archive> archives(Connection c) throws SQLException {
        List<Archive> archives = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT id, retention_days FROM archive ORDER BY id")) {
            while (rs.next()) {
                archives.add(new Archive(rs.getLong(1), rs.getInt(2)));
            }
        }
        return archives;
    }

    /** Days whose partition ends before now - retention: every row in them is older than the retention. */
    private static List<String> dropExpiredDays(Connection c, Archive archive) throws SQLException {
        // the partition of day D holds [D, D+1): all of it is past retention once D+1 <= today - N, so D < today - N
        LocalDate firstKeptDay = LocalDate.now(ZoneOffset.UTC).minusDays(archive.retentionDays());
        List<String> old = DropDays.before(c, "archived_event_" + archive.id(), firstKeptDay);
        try (PreparedStatement ps = c.prepareStatement(DELETE_OLD_DEFAULT)) {
            ps.setLong(1, archive.id());
            ps.setObject(2, firstKeptDay.atStartOfDay().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
        }
        return old;
    }
}
