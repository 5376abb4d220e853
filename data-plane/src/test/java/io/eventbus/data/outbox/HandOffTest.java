package io.eventbus.data.outbox;

import io.eventbus.core.delivery.DeliveryState;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** New deliveries go leased to the hand-off, as far as it has room, in the commit that stores them. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandOffTest implements WithTestDatabase {

    @Override
    public Map<String, String> getProperties() {
        // this test's hand-off stands in for the workers
        return propertiesWith("eventbus.delivery.enabled", "false");
    }

    @Inject
    Outbox outbox;

    private final TestDatabase db = TestDatabase.get();
    private final Workers workers = new Workers();

    @BeforeAll
    void handOff() {
        outbox.handOffTo(workers);
    }

    @BeforeEach
    void reset() {
        workers.room.set(0);
        workers.taken.clear();
        workers.cancelled.set(0);
    }

    @Test
    void deliveriesWithRoomAreStoredLeasedAndHandedOverTheRestWaitForAClaim() {
        workers.room.set(3);

        outbox.append(List.of(event(null, 2), event(null, 2))).join();

        assertThat(workers.taken).hasSize(3).allSatisfy(d -> {
            assertThat(d.attempt()).isEqualTo(1);
            assertThat(d.busId()).isEqualTo(1);
        });
        assertThat(db.strings("SELECT state || ':' || attempt || ':' || coalesce(leased_by, '-') FROM delivery"
                + " ORDER BY state")).containsExactly("AVAILABLE:0:-", "RUNNING:1:hand-off", "RUNNING:1:hand-off",
                "RUNNING:1:hand-off");
        assertThat(db.strings("SELECT count(*) FROM delivery WHERE state = 'RUNNING' AND lease_expires_at > now()"))
                .containsExactly("3");
        assertThat(workers.cancelled.get()).isZero();

        ClaimedDelivery handed = workers.taken.get(0);
        assertThat(outbox.record(new Outcome("hand-off", handed, DeliveryState.DELIVERED, null, null, null,
                new AttemptLog(200, 3, null, "ok"))).join()).as("the lease holds").isTrue();
        assertThat(outbox.claimDue("poller", 10, Duration.ofSeconds(30))).as("only the one not handed off")
                .hasSize(1);
    }

    @Test
    void withoutRoomNothingIsLeased() {
        outbox.append(List.of(event(null, 2))).join();

        assertThat(workers.taken).isEmpty();
        assertThat(db.strings("SELECT DISTINCT state FROM delivery")).containsExactly("AVAILABLE");
    }

    @Test
    void roomReservedForADuplicateEventIsGivenBack() {
        workers.room.set(10);
        String key = "key-" + UUID.randomUUID();
        outbox.append(List.of(event(key, 1))).join();
        int before = workers.taken.size();

        outbox.append(List.of(event(key, 2))).join();

        assertThat(workers.taken).hasSize(before);
        assertThat(workers.cancelled.get()).as("both reserved for the duplicate").isEqualTo(2);
    }

    private static NewEvent event(String idempotencyKey, int deliveries) {
        List<NewEvent.NewDelivery> list = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            list.add(new NewEvent.NewDelivery(UUID.randomUUID(), "rule", "target-" + i));
        }
        Instant now = Instant.now();
        return new NewEvent(UUID.randomUUID(), 1, now, now, "test", "Test", "{}", idempotencyKey, list, null, List.of());
    }

    private static final class Workers implements HandOff {

        final AtomicInteger room = new AtomicInteger();
        final List<ClaimedDelivery> taken = new CopyOnWriteArrayList<>();
        final AtomicInteger cancelled = new AtomicInteger();

        @Override
        public String worker() {
            return "hand-off";
        }

        @Override
        public Duration lease() {
            return Duration.ofMinutes(1);
        }

        @Override
        public int reserve(int wanted) {
            int take = Math.min(wanted, room.get());
            room.addAndGet(-take);
            return take;
        }

        @Override
        public int spare() {
            return room.get();
        }

        @Override
        public boolean roomShort() {
            return room.get() == 0;
        }

        @Override
        public int reserveSpare(int wanted) {
            return reserve(wanted);
        }

        @Override
        public void take(List<ClaimedDelivery> leased) {
            taken.addAll(leased);
        }

        @Override
        public void cancel(int reserved) {
            cancelled.addAndGet(reserved);
        }
    }
}
