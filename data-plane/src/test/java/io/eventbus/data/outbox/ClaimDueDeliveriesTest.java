package io.eventbus.data.outbox;

import io.eventbus.core.delivery.DeliveryState;
import io.eventbus.core.testing.TestDatabase;
import io.eventbus.core.testing.WithTestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@MicronautTest
class ClaimDueDeliveriesTest implements WithTestDatabase {

    @Override
    public java.util.Map<String, String> getProperties() {
        // these tests look at deliveries before any attempt, and record outcomes one after the other
        return propertiesWith("eventbus.delivery.enabled", "false", "eventbus.outbox.outcome-linger", "0ms");
    }

    @Inject
    Outbox outbox;

    private final TestDatabase db = TestDatabase.get();

    @Test
    void twoPollersDeliverTenThousandDeliveriesEachExactlyOnce() throws Exception {
        pending(10_000);
        Map<UUID, AtomicInteger> claims = new ConcurrentHashMap<>();
        ExecutorService pollers = Executors.newFixedThreadPool(2);
        List<Future<?>> running = List.of(pollers.submit(() -> poll("poller-a", claims)),
                pollers.submit(() -> poll("poller-b", claims)));
        for (Future<?> f : running) {
            f.get();
        }
        pollers.shutdown();

        assertThat(claims).hasSize(10_000);
        assertThat(claims.values()).allMatch(n -> n.get() == 1);
        assertThat(db.strings("SELECT state || ':' || count(*) FROM delivery GROUP BY state")).containsExactly("DELIVERED:10000");
        assertThat(db.strings("SELECT DISTINCT leased_by IS NULL FROM delivery")).containsExactly("t");
    }

    @Test
    void anExpiredLeaseIsRescuedAndTheDeadWorkersLateOutcomeIsRefused() {
        pending(1);
        ClaimedDelivery first = outbox.claimDue("dies", 10, Duration.ofMillis(200)).get(0);
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(outbox.claimDue("other", 10, Duration.ofSeconds(30))).as("leased: nobody else gets it").isEmpty();

        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.rescueExpiredLeases() == 1);
        ClaimedDelivery second = outbox.claimDue("other", 10, Duration.ofSeconds(30)).get(0);

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(record("dies", first, DeliveryState.DELIVERED, null, null, null, null)).isFalse();
        assertThat(record("other", second, DeliveryState.DELIVERED, null, null, null, null)).isTrue();
        assertThat(db.strings("SELECT state || ':' || attempt FROM delivery")).containsExactly("DELIVERED:2");
    }

    @Test
    void aRetryableDeliveryWaitsUntilItIsDue() {
        pending(1);
        ClaimedDelivery claimed = outbox.claimDue("w", 10, Duration.ofSeconds(30)).get(0);
        record("w", claimed, DeliveryState.RETRYABLE, Instant.now().plusSeconds(3600), "HTTP_503", null, null);

        assertThat(outbox.claimDue("w", 10, Duration.ofSeconds(30))).isEmpty();

        db.execute("UPDATE delivery SET next_attempt_at = now() - interval '1 second'");
        assertThat(outbox.claimDue("w", 10, Duration.ofSeconds(30))).extracting(ClaimedDelivery::attempt).containsExactly(2);
    }

    private void poll(String worker, Map<UUID, AtomicInteger> claims) {
        List<ClaimedDelivery> batch;
        while (!(batch = outbox.claimDue(worker, 100, Duration.ofSeconds(60))).isEmpty()) {
            for (ClaimedDelivery d : batch) {
                claims.computeIfAbsent(d.id(), id -> new AtomicInteger()).incrementAndGet();
                assertThat(record(worker, d, DeliveryState.DELIVERED, null, null, null, null)).isTrue();
            }
        }
    }

    private boolean record(String worker, ClaimedDelivery claimed, DeliveryState next, Instant at, String error,
                           QueueMessage message, AttemptLog log) {
        return outbox.record(new Outcome(worker, claimed, next, at, error, message, log)).join();
    }

    private void pending(int count) {
        db.execute("""
                INSERT INTO delivery (id, event_id, event_ingested_at, bus_id, rule_name, target_id)
                SELECT gen_random_uuid(), gen_random_uuid(), now(), 1, 'rule', 'target' FROM generate_series(1, ?)
                """, count);
    }
}
