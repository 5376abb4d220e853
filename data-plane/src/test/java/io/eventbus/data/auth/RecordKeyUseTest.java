package io.eventbus.data.auth;

import io.eventbus.core.testing.CleanDatabase;
import io.eventbus.core.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** When a key was last used: to the minute, one write per key and minute at most, never backwards. */
@ExtendWith(CleanDatabase.class)
class RecordKeyUseTest {

    private static final Instant MINUTE = Instant.parse("2026-11-26T10:15:00Z");

    private final TestDatabase db = TestDatabase.get();
    private final MovableClock clock = new MovableClock(MINUTE.plusSeconds(12));
    private final RecordKeyUse uses = new RecordKeyUse(db.dataSource(), clock);
    private final UUID shop = UUID.randomUUID();
    private final UUID billing = UUID.randomUUID();

    @BeforeEach
    void keys() {
        db.execute("INSERT INTO api_key (id, name, secret_hash, buses) VALUES (?, 'shop', '\\x01', '{*}'),"
                + " (?, 'billing', '\\x02', '{*}')", shop, billing);
    }

    @Test
    void manyUsesInAMinuteAreOneWrite() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            done.add(threads.submit(() -> {
                for (int n = 0; n < 500; n++) {
                    uses.used(shop);
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();
        assertThat(lastUsed(shop)).as("nothing is written per request").isNull();

        assertThat(uses.flush()).isEqualTo(1);
        assertThat(lastUsed(shop)).isEqualTo(MINUTE);
        assertThat(lastUsed(billing)).isNull();

        clock.move(Duration.ofSeconds(40));
        uses.used(shop);
        assertThat(uses.flush()).as("the same minute again").isZero();
        assertThat(uses.written()).isEqualTo(1);
    }

    @Test
    void aLaterMinuteIsWrittenForEveryKeyUsedInOneFlush() {
        uses.used(shop);
        uses.flush();

        clock.move(Duration.ofMinutes(3));
        uses.used(shop);
        uses.used(billing);
        uses.used(shop);

        assertThat(uses.flush()).isEqualTo(2);
        assertThat(lastUsed(shop)).isEqualTo(MINUTE.plus(Duration.ofMinutes(3)));
        assertThat(lastUsed(billing)).isEqualTo(MINUTE.plus(Duration.ofMinutes(3)));
    }

    @Test
    void lastUsedNeverMovesBack() {
        Instant later = MINUTE.plus(Duration.ofHours(1));
        db.execute("UPDATE api_key SET last_used_at = to_timestamp(?) WHERE id = ?", later.getEpochSecond(), shop);

        uses.used(shop);
        uses.flush();

        assertThat(lastUsed(shop)).as("another process recorded a later use").isEqualTo(later);
    }

    private Instant lastUsed(UUID key) {
        String epoch = db.strings("SELECT extract(epoch FROM last_used_at)::bigint FROM api_key WHERE id = ?", key).get(0);
        return epoch == null ? null : Instant.ofEpochSecond(Long.parseLong(epoch));
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
