package io.eventbus.data.maintenance;

import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class ApplyRetentionTest implements WithTestDatabase {

    @Inject
    ApplyRetention retention;

    /** The tests run the maintenance themselves: a scheduled run at start would hold its lock meanwhile. */
    @Override
    public Map<String, String> getProperties() {
        return propertiesWith("eventbus.maintenance.initial-delay", "1h");
    }

    @Test
    void createsPartitionsAheadAndDropsDaysPastTheLongestRetention() throws Exception {
        String old = LocalDate.now(ZoneOffset.UTC).minusDays(30).format(DateTimeFormatter.BASIC_ISO_DATE);
        sql("CREATE TABLE event_" + old + " PARTITION OF event FOR VALUES FROM ('"
                + LocalDate.now(ZoneOffset.UTC).minusDays(30) + " 00:00+00') TO ('"
                + LocalDate.now(ZoneOffset.UTC).minusDays(29) + " 00:00+00')");

        List<String> dropped = retention.run();

        assertThat(dropped).containsExactly("event_" + old);
        String inAWeek = LocalDate.now(ZoneOffset.UTC).plusDays(7).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(strings("SELECT relname FROM pg_class WHERE relname LIKE 'event_2%'")).contains("event_" + inAWeek)
                .doesNotContain("event_" + old);
    }

    @Test
    void dropsWholeDaysOfAnArchivePastItsRetentionAndKeepsAnArchiveKeptForever() throws Exception {
        sql("INSERT INTO archive (name, bus_id, retention_days) SELECT 'month', id, 30 FROM bus WHERE name = 'default'");
        sql("INSERT INTO archive (name, bus_id, retention_days) SELECT 'forever', id, 0 FROM bus WHERE name = 'default'");
        List<String> ids = strings("SELECT id FROM archive ORDER BY name DESC"); // month, forever
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (String id : ids) {
            sql("SELECT eventbus_ensure_archive_partitions(" + id + ", 1)");
            for (int age : new int[]{31, 29}) {
                LocalDate day = today.minusDays(age);
                sql("CREATE TABLE archived_event_" + id + "_" + day.format(DateTimeFormatter.BASIC_ISO_DATE)
                        + " PARTITION OF archived_event_" + id + " FOR VALUES FROM ('" + day + " 00:00+00') TO ('"
                        + day.plusDays(1) + " 00:00+00')");
                sql("INSERT INTO archived_event (archive_id, ingested_at, id, event_time, envelope) VALUES (" + id
                        + ", '" + day + " 12:00+00', gen_random_uuid(), now(), '{}')");
            }
        }
        String monthId = ids.get(0);
        String oldDay = today.minusDays(31).format(DateTimeFormatter.BASIC_ISO_DATE);

        List<String> dropped = retention.run();

        assertThat(dropped).containsExactly("archived_event_" + monthId + "_" + oldDay);
        assertThat(strings("SELECT a.name || ':' || count(e.id) FROM archive a LEFT JOIN archived_event e"
                + " ON e.archive_id = a.id GROUP BY a.name ORDER BY 1")).containsExactly("forever:2", "month:1");
        String inAWeek = today.plusDays(7).format(DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(strings("SELECT relname FROM pg_class WHERE relname = 'archived_event_" + monthId + "_" + inAWeek
                + "'")).as("partitions a week ahead").hasSize(1);
    }

    @Test
    void deletesEventsPastTheirBusRetentionAndExpiredIdempotencyKeys() throws Exception {
        sql("INSERT INTO bus (name, event_retention_days) VALUES ('short', 1)");
        sql("""
                INSERT INTO event (id, bus_id, ingested_at, event_time, source, detail_type, envelope)
                SELECT gen_random_uuid(), b.id, now() - v.age, now(), 's', 't', '{}'
                FROM bus b, (VALUES (interval '1 hour'), (interval '2 days')) v(age)
                """);
        sql("INSERT INTO idempotency_key (bus_id, key, event_id, created_at) VALUES (1, 'old', gen_random_uuid(),"
                + " now() - interval '25 hours'), (1, 'new', gen_random_uuid(), now())");

        retention.run();

        assertThat(strings("SELECT b.name || ':' || count(*) FROM event e JOIN bus b ON b.id = e.bus_id"
                + " GROUP BY b.name ORDER BY 1")).containsExactly("default:2", "short:1");
        assertThat(strings("SELECT key FROM idempotency_key")).containsExactly("new");
    }

    @Test
    void deletesQueueMessagesPastTheirRetention() throws Exception {
        sql("INSERT INTO queue (name) VALUES ('q')");
        sql("""
                INSERT INTO queue_message (id, queue_id, body, expires_at)
                SELECT gen_random_uuid(), q.id, v.body, now() + v.expires_in
                FROM queue q, (VALUES ('expired', interval '-1 second'), ('kept', interval '1 hour')) v(body, expires_in)
                """);

        retention.run();

        assertThat(strings("SELECT body FROM queue_message")).containsExactly("kept");
    }

    @Test
    void forgetsRevokedConsoleSessionsOnceTheyHaveExpired() throws Exception {
        sql("""
                INSERT INTO console_session_revocation (session_id, expires_at)
                VALUES ('expired', now() - interval '1 second'), ('kept', now() + interval '1 hour')
                """);

        retention.run();

        assertThat(strings("SELECT session_id FROM console_session_revocation")).containsExactly("kept");
    }

    private static void sql(String sql) {
        TestDatabase.get().execute(sql);
    }

    private static List<String> strings(String sql) {
        return TestDatabase.get().strings(sql);
    }
}
