package io.eventbus.control.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads archives with what they hold: the count and event times of their archived events, and the bytes of their
 * partitions. Each method is one read-only transaction (joining the caller's, when there is one). Thread-safe.
 */
@Singleton
@ControlRole
class ReadArchives {

    /**
     * An archive with what it holds. The size is that of the leaves of its partition, found by the archive's id
     * (a number); {@code to_regclass} is null for a partition that is missing, and the tree of null is empty.
     */
    private static final String SELECT = """
            SELECT a.name, b.name, a.description, CAST(a.event_pattern AS text), a.retention_days,
                   s.events, (SELECT coalesce(sum(pg_total_relation_size(t.relid)), 0)
                              FROM pg_partition_tree(to_regclass('archived_event_' || a.id)) t WHERE t.isleaf),
                   s.oldest, s.newest, a.created_at, a.updated_at, a.version
            FROM archive a JOIN bus b ON b.id = a.bus_id
            CROSS JOIN LATERAL (SELECT count(*) AS events, min(e.event_time) AS oldest, max(e.event_time) AS newest
                                FROM archived_event e WHERE e.archive_id = a.id) s
            """;

    private final JdbcOperations jdbc;
    private final ObjectMapper json;

    ReadArchives(JdbcOperations jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every archive, or those of one bus, by name. */
    @Transactional(readOnly = true)
    public List<Archive> list(@Nullable String bus) {
        return jdbc.prepareStatement(SELECT + " WHERE (CAST(? AS text) IS NULL OR b.name = ?) ORDER BY a.name", ps -> {
            ps.setString(1, bus);
            ps.setString(2, bus);
            return all(ps);
        });
    }

    @Transactional(readOnly = true)
    public Optional<Archive> find(String name) {
        return jdbc.prepareStatement(SELECT + " WHERE a.name = ?", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        });
    }

    private List<Archive> all(PreparedStatement ps) throws SQLException {
        List<Archive> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Archive(rs.getString(1), rs.getString(2), rs.getString(3), pattern(rs.getString(4)),
                        rs.getInt(5), rs.getLong(6), rs.getLong(7), instant(rs.getTimestamp(8)),
                        instant(rs.getTimestamp(9)), rs.getTimestamp(10).toInstant(), rs.getTimestamp(11).toInstant(),
                        rs.getLong(12)));
            }
        }
        return out;
    }

    private JsonNode pattern(@Nullable String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored event pattern is not JSON", e);
        }
    }

    private static Instant instant(@Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
