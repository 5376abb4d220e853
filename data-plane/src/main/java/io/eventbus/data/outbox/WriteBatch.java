package io.eventbus.data.outbox;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of one group-commit batch: claim idempotency keys (when events carry some), then insert the new events,
 * their archived copies and their deliveries (those handed off to this process' workers already leased for their
 * first attempt) with ONE statement over arrays ({@code unnest}), whatever the batch size. A batch without keys is
 * thus one round trip to PostgreSQL. Pure function of its arguments and the database.
 */
final class WriteBatch {

    private static final String CLAIM_KEYS = """
            INSERT INTO idempotency_key (bus_id, key, event_id)
            SELECT * FROM unnest(?::bigint[], ?::text[], ?::uuid[])
            ON CONFLICT (bus_id, key) DO UPDATE SET event_id = EXCLUDED.event_id, created_at = now()
                WHERE idempotency_key.created_at < now() - interval '24 hours'
            RETURNING bus_id, key
            """;
    private static final String EXISTING_KEYS = """
            SELECT k.bus_id, k.key, k.event_id FROM idempotency_key k
            JOIN unnest(?::bigint[], ?::text[]) AS wanted(bus_id, key) USING (bus_id, key)
            """;
    /** The events, stored under their ids; a replay's with its name ({@link #bindEvents}). */
    static final String INSERT_EVENTS = """
            INSERT INTO event (id, bus_id, ingested_at, event_time, source, detail_type, envelope, schema_problem,
                               replay_name)
            SELECT u.*, CAST(? AS text)
            FROM unnest(?::uuid[], ?::bigint[], ?::text[]::timestamptz[], ?::text[]::timestamptz[], ?::text[],
                        ?::text[], ?::text[], ?::text[]) AS u
            """;
    /**
     * The archived copies, made from the rows the event insert returns, so each envelope crosses the wire and is
     * parsed once. Copies go only into archives that still exist: between an archive's deletion (which drops its
     * partition) and this process' rebuild of the bus, an event may still name it, and a row with no partition
     * would fail the batch.
     */
    private static final String INSERT_ARCHIVED = """
            INSERT INTO archived_event (archive_id, ingested_at, id, event_time, envelope)
            SELECT k.archive_id, s.ingested_at, s.id, s.event_time, s.envelope
            FROM unnest(?::bigint[], ?::uuid[]) AS k(archive_id, id) JOIN stored s ON s.id = k.id
            WHERE k.archive_id IN (SELECT id FROM archive)
            """;
    private static final String INSERT_DELIVERIES = """
            INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id, state, attempt,
                                  leased_by, lease_expires_at)
            SELECT u.id, u.event_id, u.ingested_at, u.bus_id, u.rule_name, u.target_id,
                   CASE WHEN u.leased THEN 'RUNNING' ELSE 'AVAILABLE' END, CASE WHEN u.leased THEN 1 ELSE 0 END,
                   CASE WHEN u.leased THEN ? END, CASE WHEN u.leased THEN now() + make_interval(secs => ?) END
            FROM unnest(?::uuid[], ?::uuid[], ?::text[]::timestamptz[], ?::bigint[], ?::text[], ?::text[],
                        ?::boolean[]) AS u(id, event_id, ingested_at, bus_id, rule_name, target_id, leased)
            """;

    /**
     * Deliveries to store already {@code RUNNING} for their first attempt, leased to {@code worker} (handed off to
     * this process' workers); the others are stored {@code AVAILABLE}.
     */
    record Leases(String worker, Duration lease, Set<UUID> deliveries) {

        static final Leases NONE = new Leases("", Duration.ZERO, Set.of());
    }

    /**
     * @param appended one per event, in order
     * @param leased   the deliveries stored leased (those of {@link Leases#deliveries()} whose event was stored)
     */
    record Written(List<Appended> appended, List<ClaimedDelivery> leased) {
    }

    private WriteBatch() {
    }

    /**
     * The events, their archived copies and their deliveries in ONE statement (data-modifying CTEs): one round
     * trip, and, outside a transaction, atomic on its own.
     */
    private static String insertStatement(boolean archived, boolean deliveries) {
        if (!archived && !deliveries) {
            return INSERT_EVENTS;
        }
        StringBuilder sql = new StringBuilder("WITH stored AS (").append(INSERT_EVENTS)
                .append(archived ? "RETURNING id, ingested_at, event_time, envelope)\n" : ")\n");
        if (archived && deliveries) {
            sql.append(", archived AS (").append(INSERT_ARCHIVED).append(")\n");
        } else if (archived) {
            return sql.append(INSERT_ARCHIVED).toString();
        }
        return sql.append(INSERT_DELIVERIES).toString();
    }

    /**
     * Stores {@code events}, their deliveries and their archived copies, atomically on a connection in auto-commit:
     * without idempotency keys with ONE statement, so one round trip; with keys, the keys' claim and that statement
     * in a transaction of their own.
     */
    static Written write(Connection c, List<NewEvent> events, Leases leases) throws SQLException {
        Map<String, UUID> firstInBatch = new HashMap<>();
        List<Appended> result = new ArrayList<>(events.size());
        List<NewEvent> keyed = new ArrayList<>();
        for (NewEvent e : events) {
            if (e.idempotencyKey() == null) {
                result.add(new Appended(e.id(), false));
                continue;
            }
            UUID first = firstInBatch.putIfAbsent(key(e.busId(), e.idempotencyKey()), e.id());
            result.add(new Appended(first == null ? e.id() : first, first != null));
            if (first == null) {
                keyed.add(e);
            }
        }
        if (keyed.isEmpty()) {
            return insert(c, events, leases, result);
        }
        return Transactions.durable(c, () -> writeKeyed(c, events, keyed, leases, result));
    }

    /** Claims the keys, then stores the events whose key was free (and those without one). */
    private static Written writeKeyed(Connection c, List<NewEvent> events, List<NewEvent> keyed, Leases leases,
                                      List<Appended> result) throws SQLException {
        Map<String, UUID> existing = claimKeys(c, keyed);
        List<NewEvent> fresh = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            NewEvent e = events.get(i);
            UUID earlier = e.idempotencyKey() == null ? null : existing.get(key(e.busId(), e.idempotencyKey()));
            if (earlier != null) {
                result.set(i, new Appended(earlier, true));
            } else if (!result.get(i).duplicate()) {
                fresh.add(e);
            }
        }
        return insert(c, fresh, leases, result);
    }

    /** Claims the keys; returns the earlier event id of every key already taken within the window. */
    private static Map<String, UUID> claimKeys(Connection c, List<NewEvent> keyed) throws SQLException {
        Set<String> claimed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM_KEYS)) {
            ps.setArray(1, c.createArrayOf("bigint", keyed.stream().map(NewEvent::busId).toArray()));
            ps.setArray(2, c.createArrayOf("text", keyed.stream().map(NewEvent::idempotencyKey).toArray()));
            ps.setArray(3, c.createArrayOf("uuid", keyed.stream().map(NewEvent::id).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(key(rs.getLong(1), rs.getString(2)));
                }
            }
        }
        List<NewEvent> taken = keyed.stream().filter(e -> !claimed.contains(key(e.busId(), e.idempotencyKey()))).toList();
        Map<String, UUID> existing = new HashMap<>();
        if (taken.isEmpty()) {
            return existing;
        }
        try (PreparedStatement ps = c.prepareStatement(EXISTING_KEYS)) {
            ps.setArray(1, c.createArrayOf("bigint", taken.stream().map(NewEvent::busId).toArray()));
            ps.setArray(2, c.createArrayOf("text", taken.stream().map(NewEvent::idempotencyKey).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.put(key(rs.getLong(1), rs.getString(2)), rs.getObject(3, UUID.class));
                }
            }
        }
        return existing;
    }

    /** The events, their archived copies and their deliveries, with ONE statement ({@link #insertStatement}). */
    private static Written insert(Connection c, List<NewEvent> events, Leases leases, List<Appended> appended)
            throws SQLException {
        if (events.isEmpty()) {
            return new Written(appended, List.of());
        }
        List<Object> archives = new ArrayList<>();
        List<Object> archivedIds = new ArrayList<>();
        for (NewEvent e : events) {
            for (Long archive : e.archives()) {
                archives.add(archive);
                archivedIds.add(e.id());
            }
        }
        Deliveries deliveries = new Deliveries(events, leases);
        try (PreparedStatement ps = c.prepareStatement(insertStatement(!archives.isEmpty(), !deliveries.ids.isEmpty()))) {
            int p = bindEvents(c, ps, 1, events, null);
            if (!archives.isEmpty()) {
                ps.setArray(p++, array(c, "bigint", archives.toArray()));
                ps.setArray(p++, array(c, "uuid", archivedIds.toArray()));
            }
            if (!deliveries.ids.isEmpty()) {
                ps.setString(p++, leases.worker());
                ps.setDouble(p++, leases.lease().toMillis() / 1000.0);
                ps.setArray(p++, array(c, "uuid", deliveries.ids.toArray()));
                ps.setArray(p++, array(c, "uuid", deliveries.eventIds.toArray()));
                ps.setArray(p++, array(c, "text", deliveries.ingested.toArray()));
                ps.setArray(p++, array(c, "bigint", deliveries.buses.toArray()));
                ps.setArray(p++, array(c, "text", deliveries.rules.toArray()));
                ps.setArray(p++, array(c, "text", deliveries.targets.toArray()));
                ps.setArray(p, array(c, "boolean", deliveries.leasedFlags.toArray()));
            }
            ps.executeUpdate();
        }
        return new Written(appended, deliveries.leased);
    }

    /**
     * Binds the parameters of {@link #INSERT_EVENTS} from {@code p} on; returns the index of the next parameter.
     *
     * @param replayName null for new events
     */
    static int bindEvents(Connection c, PreparedStatement ps, int p, List<NewEvent> events, String replayName)
            throws SQLException {
        ps.setString(p++, replayName);
        ps.setArray(p++, array(c, "uuid", events.stream().map(NewEvent::id).toArray()));
        ps.setArray(p++, array(c, "bigint", events.stream().map(NewEvent::busId).toArray()));
        ps.setArray(p++, array(c, "text", events.stream().map(e -> e.ingestedAt().toString()).toArray()));
        ps.setArray(p++, array(c, "text", events.stream().map(e -> e.eventTime().toString()).toArray()));
        ps.setArray(p++, array(c, "text", events.stream().map(NewEvent::source).toArray()));
        ps.setArray(p++, array(c, "text", events.stream().map(NewEvent::detailType).toArray()));
        ps.setArray(p++, array(c, "text", events.stream().map(NewEvent::envelope).toArray()));
        ps.setArray(p++, array(c, "text", events.stream().map(NewEvent::schemaProblem).toArray()));
        return p;
    }

    /** The columns of the events' deliveries, and those stored leased for the hand-off. */
    private static final class Deliveries {

        final List<Object> ids = new ArrayList<>();
        final List<Object> eventIds = new ArrayList<>();
        final List<Object> ingested = new ArrayList<>();
        final List<Object> buses = new ArrayList<>();
        final List<Object> rules = new ArrayList<>();
        final List<Object> targets = new ArrayList<>();
        final List<Object> leasedFlags = new ArrayList<>();
        final List<ClaimedDelivery> leased = new ArrayList<>();

        Deliveries(List<NewEvent> events, Leases leases) {
            Instant leaseEnds = Instant.now().plus(leases.lease());
            for (NewEvent e : events) {
                for (NewEvent.NewDelivery d : e.deliveries()) {
                    ids.add(d.id());
                    eventIds.add(e.id());
                    ingested.add(e.ingestedAt().toString());
                    buses.add(e.busId());
                    rules.add(d.ruleName());
                    targets.add(d.targetId());
                    boolean isLeased = leases.deliveries().contains(d.id());
                    leasedFlags.add(isLeased);
                    if (isLeased) {
                        leased.add(new ClaimedDelivery(d.id(), e.id(), e.ingestedAt(), e.busId(), d.ruleName(),
                                d.targetId(), 1, leaseEnds, e.envelope()));
                    }
                }
            }
        }
    }

    private static Array array(Connection c, String type, Object[] values) throws SQLException {
        return c.createArrayOf(type, values);
    }

    private static String key(long busId, String key) {
        return busId + "\u0000" + key;
    }
}
