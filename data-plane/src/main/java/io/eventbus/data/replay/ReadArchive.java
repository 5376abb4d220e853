package io.eventbus.data.replay;

import io.eventbus.core.role.DataRole;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads an archive's events of a window in (event time, id) order, a page at a time from a position, through the
 * index {@code archived_event_replay_idx} (the archive's partition only). Thread-safe.
 */
@Singleton
@DataRole
class ReadArchive {

    /** Before every event of a window that starts at its start time: no real id sorts before the nil UUID. */
    static final UUID BEFORE_ANY = new UUID(0, 0);

    private static final String PAGE = """
            SELECT id, event_time, envelope FROM archived_event
            WHERE archive_id = ? AND (event_time, id) > (?, ?) AND event_time < ?
            ORDER BY event_time, id
            LIMIT ?
            """;

    /** An archived event. */
    record Archived(UUID id, Instant eventTime, String envelope) {
    }

    private final DataSource dataSource;

    ReadArchive(DataSource dataSource, Optional<DataSourceResolver> resolver) {
        this.dataSource = resolver.orElse(DataSourceResolver.DEFAULT).resolve(dataSource);
    }

    /** Up to {@code limit} events after ({@code afterTime}, {@code afterId}) and before {@code end}. */
    List<Archived> page(long archiveId, Instant afterTime, UUID afterId, Instant end, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(PAGE)) {
            ps.setLong(1, archiveId);
            ps.setObject(2, ReplayRows.utc(afterTime));
            ps.setObject(3, afterId);
            ps.setObject(4, ReplayRows.utc(end));
            ps.setInt(5, limit);
            ps.setFetchSize(limit);
            List<Archived> page = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    page.add(new Archived(rs.getObject(1, UUID.class), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3)));
                }
            }
            return page;
        }
    }
}
