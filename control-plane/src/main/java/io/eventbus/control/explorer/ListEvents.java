package io.eventbus.control.explorer;

import io.eventbus.control.query.Cursor;
import io.eventbus.control.query.Queries;
import io.eventbus.core.problem.ValidationError;
import io.eventbus.core.role.ControlRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Recent events, newest first, filtered by id, bus, source and detail-type (case-insensitive prefixes), ingestion
 * time, replay and a field of the envelope ({@code detail.orderId} = 42, compared as text), and by their
 * deliveries (in a state, of a rule, to a target: an event with at least one such delivery), a page at a time.
 * A replayed copy of an event is a row of its own (the original's id, its own ingestion time), listed with its
 * replay's name and counted with its own deliveries. The page cursor is the last event's (ingestion time, id), the event table's primary key, so each page is one index
 * range however deep the listing goes. Thread-safe.
 */
@Singleton
@ControlRole
class ListEvents {

    static final int MAX_LIMIT = 200;
    static final int DEFAULT_LIMIT = 50;

    private final JdbcOperations jdbc;

    ListEvents(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The {@code delivery} filter's values: the delivery states each stands for. failed: did not get through
     * (waiting for a retry, or given up); pending: not finished.
     */
    static final Map<String, List<String>> DELIVERY_STATES = Map.of(
            "failed", List.of("RETRYABLE", "DEAD_LETTERED"),
            "dead-lettered", List.of("DEAD_LETTERED"),
            "pending", List.of("AVAILABLE", "RUNNING", "RETRYABLE"),
            "delivered", List.of("DELIVERED"));

    /**
     * What to list; every field but {@code limit} may be absent.
     *
     * @param sourcePrefix     a LIKE pattern (case-insensitive prefix), as are {@code detailTypePrefix}
     * @param fieldPath        the envelope path that must read {@code fieldValue} as text
     */
    record Filter(@Nullable UUID id, @Nullable String bus, @Nullable String sourcePrefix,
                  @Nullable String detailTypePrefix, @Nullable Instant from, @Nullable Instant to,
                  @Nullable String replay, @Nullable List<String> fieldPath, @Nullable String fieldValue, int limit,
                  @Nullable Cursor<UUID> before, @Nullable List<String> deliveryStates, @Nullable String rule,
                  @Nullable String target) {

        boolean byDelivery() {
            return deliveryStates != null || rule != null || target != null;
        }
    }


    /** The deepest field path the explorer takes. */
    static final int MAX_PATH_DEPTH = 16;

    static Filter filter(EventQuery q) {
        int n = q.limit() == null ? DEFAULT_LIMIT : q.limit();
        if (n < 1 || n > MAX_LIMIT) {
            throw new ValidationError("query: limit", "limit must be from 1 to " + MAX_LIMIT + ", not " + n);
        }
        List<String> states = null;
        if (Queries.blankToNull(q.delivery()) != null) {
            states = DELIVERY_STATES.get(q.delivery());
            if (states == null) {
                throw new ValidationError("query: delivery", "delivery must be one of failed, dead-lettered, pending,"
                        + " delivered, not '" + q.delivery() + "'");
            }
        }
        UUID id = id(q.id());
        Instant from = instant("from", q.from());
        if (id != null && id.version() == 7) {
            // the event as it was put is ingested within a minute of its id's time, its replayed copies later
            Instant around = Instant.ofEpochMilli(id.getMostSignificantBits() >>> 16).minusSeconds(60);
            from = from == null || from.isBefore(around) ? around : from;
        }
        return new Filter(id, Queries.blankToNull(q.bus()), Queries.likePrefix(q.source()), Queries.likePrefix(q.detailType()), from,
                instant("to", q.to()), Queries.blankToNull(q.replay()), path(q.field(), q.value()), q.value(), n,
                Cursor.parse("before", q.before(), UUID::fromString), states, Queries.blankToNull(q.rule()),
                Queries.blankToNull(q.target()));
    }

    private static UUID id(@Nullable String text) {
        if (Queries.blankToNull(text) == null) {
            return null;
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new ValidationError("query: id", "id must be an event id such as"
                    + " 0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b, not '" + text + "'");
        }
    }

    /** {@code detail.order.id} as the path {detail, order, id}; a value needs a field and a field a value. */
    private static List<String> path(@Nullable String field, @Nullable String value) {
        if (Queries.blankToNull(field) == null) {
            if (value != null && !value.isEmpty()) {
                throw new ValidationError("query: field", "value needs a field to compare it with, such as"
                        + " field=detail.orderId");
            }
            return null;
        }
        if (value == null) {
            throw new ValidationError("query: value", "field " + field + " needs a value to equal");
        }
        List<String> path = List.of(field.trim().split("\\.", -1));
        if (path.stream().anyMatch(String::isBlank) || path.size() > MAX_PATH_DEPTH) {
            throw new ValidationError("query: field", "field must be a dotted path of at most " + MAX_PATH_DEPTH
                    + " names, such as detail.order.id, not '" + field + "'");
        }
        return path;
    }

    @Transactional(readOnly = true)
    EventPage list(Filter filter) {
        List<EventSummary> events = jdbc.prepareStatement("""
                SELECT e.id, b.name, e.ingested_at, e.event_time, e.source, e.detail_type, e.replay_name
                FROM event e JOIN bus b ON b.id = e.bus_id
                WHERE (CAST(? AS uuid) IS NULL OR e.id = ?)
                  AND (CAST(? AS text) IS NULL OR b.name = ?)
                  AND (CAST(? AS text) IS NULL OR e.source ILIKE ?)
                  AND (CAST(? AS text) IS NULL OR e.detail_type ILIKE ?)
                  AND (CAST(? AS text) IS NULL OR e.replay_name = ?)
                  AND (CAST(? AS text[]) IS NULL OR ((CAST(? AS text) IS NULL OR strpos(e.envelope, ?) > 0)
                       AND CAST(e.envelope AS jsonb) #>> ? = ?))
                  AND (CAST(? AS timestamptz) IS NULL OR e.ingested_at >= ?)
                  AND (CAST(? AS timestamptz) IS NULL OR e.ingested_at < ?)
                  AND (CAST(? AS timestamptz) IS NULL OR (e.ingested_at, e.id) < (?, CAST(? AS uuid)))
                  AND (NOT ? OR EXISTS (
                      SELECT 1 FROM delivery d WHERE d.event_id = e.id AND d.event_ingested_at = e.ingested_at
                        AND (CAST(? AS text[]) IS NULL OR d.state = ANY (?))
                        AND (CAST(? AS text) IS NULL OR d.rule_name = ?)
                        AND (CAST(? AS text) IS NULL OR d.target_id = ?)))
                ORDER BY e.ingested_at DESC, e.id DESC
                LIMIT ?
                """, ps -> {
            int i = 0;
            ps.setObject(++i, filter.id());
            ps.setObject(++i, filter.id());
            for (String value : new String[]{filter.bus(), filter.sourcePrefix(), filter.detailTypePrefix(),
                    filter.replay()}) {
                ps.setString(++i, value);
                ps.setString(++i, value);
            }
            Array path = filter.fieldPath() == null ? null
                    : ps.getConnection().createArrayOf("text", filter.fieldPath().toArray());
            ps.setArray(++i, path);
            String literal = literal(filter.fieldValue());
            ps.setString(++i, literal);
            ps.setString(++i, literal);
            ps.setArray(++i, path);
            ps.setString(++i, filter.fieldValue());
            for (Instant value : new Instant[]{filter.from(), filter.to()}) {
                Timestamp at = value == null ? null : Timestamp.from(value);
                ps.setTimestamp(++i, at);
                ps.setTimestamp(++i, at);
            }
            Timestamp cursorAt = filter.before() == null ? null : Timestamp.from(filter.before().at());
            ps.setTimestamp(++i, cursorAt);
            ps.setTimestamp(++i, cursorAt);
            ps.setObject(++i, filter.before() == null ? null : filter.before().key());
            ps.setBoolean(++i, filter.byDelivery());
            Array states = filter.deliveryStates() == null ? null
                    : ps.getConnection().createArrayOf("text", filter.deliveryStates().toArray());
            ps.setArray(++i, states);
            ps.setArray(++i, states);
            for (String value : new String[]{filter.rule(), filter.target()}) {
                ps.setString(++i, value);
                ps.setString(++i, value);
            }
            ps.setInt(++i, filter.limit() + 1);
            List<EventSummary> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new EventSummary(rs.getObject(1, UUID.class), rs.getString(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant(), rs.getString(5),
                            rs.getString(6), rs.getString(7), Map.of()));
                }
            }
            return found;
        });
        String next = null;
        if (events.size() > filter.limit()) {
            events = events.subList(0, filter.limit());
            EventSummary last = events.get(events.size() - 1);
            next = new Cursor<>(last.ingestedAt(), last.id()).format();
        }
        return new EventPage(withDeliveries(events), next);
    }

    /** Characters that JSON text holds as they are, never escaped. */
    private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("[A-Za-z0-9 _.:@+-]+");

    /**
     * The text a field's value must appear as in the stored envelope, to skip the envelopes that cannot hold it
     * before parsing any (a text search is far cheaper than reading JSON); null when the value has characters JSON
     * may escape, and every envelope is parsed.
     */
    private static String literal(@Nullable String value) {
        return value != null && LITERAL.matcher(value).matches() ? value : null;
    }

    /** One row of the event table: copies of an event share its id, not its ingestion time. */
    private record Row(UUID id, Instant ingestedAt) {
    }

    private List<EventSummary> withDeliveries(List<EventSummary> events) {
        if (events.isEmpty()) {
            return events;
        }
        Map<Row, Map<String, Integer>> counts = new LinkedHashMap<>();
        jdbc.prepareStatement("""
                SELECT event_id, event_ingested_at, state, count(*) FROM delivery WHERE event_id = ANY(?)
                GROUP BY 1, 2, 3
                """, ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid",
                    events.stream().map(EventSummary::id).distinct().toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.computeIfAbsent(new Row(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()),
                            k -> new TreeMap<>()).put(rs.getString(3), rs.getInt(4));
                }
            }
            return null;
        });
        return events.stream().map(e -> new EventSummary(e.id(), e.bus(), e.ingestedAt(), e.time(), e.source(),
                e.detailType(), e.replayName(), counts.getOrDefault(new Row(e.id(), e.ingestedAt()), Map.of())))
                .toList();
    }

    static Instant instant(String name, @Nullable String value) {
        return Queries.instant("query: " + name, name, value);
    }
}
