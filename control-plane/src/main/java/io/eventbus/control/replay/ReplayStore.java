package io.eventbus.control.replay;

import io.eventbus.control.audit.AuditLog;
import io.eventbus.control.auth.Caller;
import io.eventbus.core.change.ConfigChannel;
import io.eventbus.core.problem.Conflict;
import io.eventbus.core.problem.NotFound;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.replay.ReplayState;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays in PostgreSQL. Each public method is one transaction; each write also records itself in the audit log
 * and announces {@code replay:<name>} on {@link ConfigChannel}, so a data plane takes the replay (or stops it) at
 * once rather than at its next poll. The progress columns are the data plane's; nothing here writes them.
 * Thread-safe.
 */
@Singleton
@ControlRole
class ReplayStore {

    private static final String SELECT = """
            SELECT r.name, r.description, r.archive_name, b.name, r.event_start_time, r.event_end_time, r.rules,
                   r.rate_limit_per_second, r.state, r.state_reason, r.events_total, r.events_replayed,
                   r.deliveries, r.position_time, r.created_at, r.started_at, r.finished_at
            FROM replay r JOIN bus b ON b.id = r.bus_id
            """;

    private final JdbcOperations jdbc;
    private final AuditLog audit;

    ReplayStore(JdbcOperations jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** A validated replay: a window with end after start, rules that are valid names (null: every rule). */
    record NewReplay(String name, String archive, @Nullable String description, Instant start, Instant end,
                     @Nullable List<String> rules, @Nullable Integer rateLimitPerSecond) {
    }

    /** The archive, held {@code FOR KEY SHARE}, and its bus. */
    private record Source(long archiveId, long busId, String bus) {
    }

    /**
     * Creates a replay in {@code STARTING}. The archive row is held {@code FOR KEY SHARE} until commit, so the
     * archive cannot be deleted under a replay being created: its delete waits, then sees this replay and refuses.
     */
    @Transactional
    public Replay create(Caller caller, NewReplay replay) {
        Source source = jdbc.prepareStatement("""
                SELECT a.id, a.bus_id, b.name FROM archive a JOIN bus b ON b.id = a.bus_id
                WHERE a.name = ? FOR KEY SHARE OF a
                """, ps -> {
            ps.setString(1, replay.archive());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("archive '" + replay.archive() + "' does not exist");
                }
                return new Source(rs.getLong(1), rs.getLong(2), rs.getString(3));
            }
        });
        if (replay.rules() != null) {
            requireRules(replay.rules(), source);
        }
        boolean inserted = jdbc.prepareStatement("""
                INSERT INTO replay (name, description, archive_id, archive_name, bus_id, event_start_time,
                                    event_end_time, rules, rate_limit_per_second)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING
                """, ps -> {
            ps.setString(1, replay.name());
            ps.setString(2, replay.description());
            ps.setLong(3, source.archiveId());
            ps.setString(4, replay.archive());
            ps.setLong(5, source.busId());
            ps.setTimestamp(6, Timestamp.from(replay.start()));
            ps.setTimestamp(7, Timestamp.from(replay.end()));
            ps.setArray(8, replay.rules() == null ? null
                    : ps.getConnection().createArrayOf("text", replay.rules().toArray()));
            ps.setObject(9, replay.rateLimitPerSecond(), Types.INTEGER);
            return ps.executeUpdate() == 1;
        });
        if (!inserted) {
            throw new Conflict("replay '" + replay.name() + "' already exists");
        }
        Map<String, Object> detail = new HashMap<>();
        detail.put("archive", replay.archive());
        detail.put("eventStartTime", replay.start().toString());
        detail.put("eventEndTime", replay.end().toString());
        detail.put("rules", replay.rules());
        detail.put("rateLimitPerSecond", replay.rateLimitPerSecond());
        audit.record(caller, "replay.create", "replays/" + replay.name(), detail);
        announce(replay.name());
        return find(replay.name()).orElseThrow();
    }

    /** Replays, newest first; {@code archive} and {@code state} narrow the list when given. */
    @Transactional(readOnly = true)
    public List<Replay> list(@Nullable String archive, @Nullable ReplayState state) {
        return jdbc.prepareStatement(SELECT + """
                WHERE (CAST(? AS text) IS NULL OR r.archive_name = ?) AND (CAST(? AS text) IS NULL OR r.state = ?)
                ORDER BY r.created_at DESC, r.id DESC
                """, ps -> {
            String stateName = state == null ? null : state.name();
            ps.setString(1, archive);
            ps.setString(2, archive);
            ps.setString(3, stateName);
            ps.setString(4, stateName);
            return all(ps);
        });
    }

    @Transactional(readOnly = true)
    public Optional<Replay> find(String name) {
        return jdbc.prepareStatement(SELECT + " WHERE r.name = ?", ps -> {
            ps.setString(1, name);
            return all(ps).stream().findFirst();
        });
    }

    /**
     * Asks an active replay to stop: {@code STARTING} and {@code RUNNING} become {@code CANCELLING}, which the data
     * plane holding it (or the next to look, when none does) turns into {@code CANCELLED}. A replay already
     * {@code CANCELLING} is left as it is, without an audit entry; a finished one is refused.
     */
    @Transactional
    public Replay cancel(Caller caller, String name) {
        ReplayState state = jdbc.prepareStatement("SELECT state FROM replay WHERE name = ? FOR UPDATE", ps -> {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFound("replay '" + name + "' does not exist");
                }
                return ReplayState.valueOf(rs.getString(1));
            }
        });
        if (state.isFinal()) {
            throw new Conflict("replay '" + name + "' is already " + state);
        }
        if (state != ReplayState.CANCELLING) {
            jdbc.prepareStatement("UPDATE replay SET state = ?, updated_at = now() WHERE name = ?", ps -> {
                ps.setString(1, ReplayState.CANCELLING.name());
                ps.setString(2, name);
                return ps.executeUpdate();
            });
            audit.record(caller, "replay.cancel", "replays/" + name, Map.of("state", state.name()));
            announce(name);
        }
        return find(name).orElseThrow();
    }

    /** Refuses rules that are not on the archive's bus, naming the first such one where the request has it. */
    private void requireRules(List<String> rules, Source source) {
        Set<String> missing = jdbc.prepareStatement("""
                SELECT n FROM unnest(CAST(? AS text[])) n
                WHERE NOT EXISTS (SELECT 1 FROM rule r WHERE r.bus_id = ? AND r.name = n)
                """, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", rules.toArray()));
            ps.setLong(2, source.busId());
            Set<String> names = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
        for (int i = 0; i < rules.size(); i++) {
            if (missing.contains(rules.get(i))) {
                throw new ValidationError("rules[" + i + "]", "rule '" + rules.get(i) + "' does not exist on bus '"
                        + source.bus() + "'");
            }
        }
    }

    private void announce(String replay) {
        jdbc.execute(connection -> {
            ConfigChannel.announce(connection, "replay:" + replay);
            return null;
        });
    }

    private static List<Replay> all(PreparedStatement ps) throws SQLException {
        List<Replay> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Array rules = rs.getArray(7);
                out.add(new Replay(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6)),
                        rules == null ? null : List.of((String[]) rules.getArray()), (Integer) rs.getObject(8),
                        ReplayState.valueOf(rs.getString(9)), rs.getString(10), (Long) rs.getObject(11),
                        rs.getLong(12), rs.getLong(13), instant(rs.getTimestamp(14)), instant(rs.getTimestamp(15)),
                        instant(rs.getTimestamp(16)), instant(rs.getTimestamp(17))));
            }
        }
        return out;
    }

    private static Instant instant(@Nullable Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
