package io.eventbus.data.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The SQL of one replay page, inside the caller's transaction: first move the replay's position and
 * extend its lease, but only while the caller holds the lease and the replay is {@code RUNNING}; then store the
 * events again and their deliveries, each in the state its first attempt left it in, with that attempt's log and
 * queue message. Because all of it commits together, a replay that resumes after a crash starts right after the last
 * page stored: it skips no event, and repeats only the pages that were under way. Pure function of its arguments and
 * the database.
 */
final class WriteReplayPage {

    private static final String MOVE_POSITION = """
            UPDATE replay SET position_time = ?, position_id = ?, events_replayed = events_replayed + ?,
                              deliveries = deliveries + ?, lease_expires_at = now() + make_interval(secs => ?),
                              updated_at = now()
            WHERE id = ? AND leased_by = ? AND state = 'RUNNING'
            """;

    /** The events (stored again under their ids) and their deliveries, in ONE statement. */
    private static final String INSERT = "WITH stored AS (" + WriteBatch.INSERT_EVENTS + ")\n" + """
            INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state, attempt,
                                  next_attempt_at, last_error, finished_at, held_by)
            SELECT u.id, u.event_id, u.ingested_at, u.bus_id, u.rule_name, u.target_id, u.state, u.attempt,
                   coalesce(u.next_attempt_at, now()), u.last_error, CASE WHEN u.final THEN now() END, u.held_by
            FROM unnest(?::uuid[], ?::uuid[], ?::text[]::timestamptz[], ?::bigint[], ?::text[], ?::text[], ?::text[],
                        ?::int[], ?::text[]::timestamptz[], ?::text[], ?::boolean[], ?::text[])
                 AS u(id, event_id, ingested_at, bus_id, rule_name, target_id, state, attempt, next_attempt_at,
                      last_error, final, held_by)
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

    /** Stores the page's events and deliveries ({@code rows}), and the attempt logs and queue messages of {@code ended}. */
    static void store(Connection c, ReplayPage page, List<PendingReplayPage.Row> rows, List<Outcome> ended)
            throws SQLException {
        if (!page.events().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                int p = WriteBatch.bindEvents(c, ps, 1, page.events(), page.replayName());
                ps.setArray(p++, c.createArrayOf("uuid", rows.stream().map(PendingReplayPage.Row::id).toArray()));
                ps.setArray(p++, c.createArrayOf("uuid", rows.stream().map(r -> r.event().id()).toArray()));
                ps.setArray(p++, c.createArrayOf("text", rows.stream().map(r -> r.event().ingestedAt().toString()).toArray()));
                ps.setArray(p++, c.createArrayOf("bigint", rows.stream().map(r -> r.event().busId()).toArray()));
                ps.setArray(p++, c.createArrayOf("text", rows.stream().map(r -> r.delivery().ruleName()).toArray()));
                ps.setArray(p++, c.createArrayOf("text", rows.stream().map(r -> r.delivery().targetId()).toArray()));
                ps.setArray(p++, c.createArrayOf("text", rows.stream().map(r -> r.state().name()).toArray()));
                ps.setArray(p++, c.createArrayOf("int", rows.stream().map(PendingReplayPage.Row::attempt).toArray()));
                ps.setArray(p++, c.createArrayOf("text", rows.stream()
                        .map(r -> r.nextAttemptAt() == null ? null : r.nextAttemptAt().toString()).toArray()));
                ps.setArray(p++, c.createArrayOf("text", rows.stream().map(PendingReplayPage.Row::lastError).toArray()));
                ps.setArray(p++, c.createArrayOf("boolean", rows.stream().map(r -> r.state().isFinal()).toArray()));
                ps.setArray(p, c.createArrayOf("text", rows.stream()
                        .map(r -> r.heldBy() == null ? null : r.heldBy().name()).toArray()));
                ps.executeUpdate();
            }
        }
        RecordOutcome.logAttempts(c, ended);
        RecordOutcome.enqueue(c, ended.stream().filter(o -> o.message() != null).map(Outcome::message).toList());
    }
}
