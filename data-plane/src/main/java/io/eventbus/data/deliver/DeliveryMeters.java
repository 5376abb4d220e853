package io.eventbus.data.deliver;

import io.eventbus.core.role.DataRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * EventBridge's delivery metrics, per bus, rule and target: invocation attempts ({@code eventbus.delivery.attempts})
 * and retries ({@code .retries}), invocations by final outcome ({@code .invocations}, tag {@code outcome}), dead
 * letters by error ({@code .dead_letters}), and the time from ingestion to a successful delivery ({@code .latency}).
 * A target's meters are looked up once, not per attempt. Without a registry it counts nothing. Thread-safe.
 */
@Singleton
@DataRole
class DeliveryMeters {

    private record TargetMeters(Tags tags, Counter attempts, Counter retries, Counter delivered, Counter deadLettered,
                                Timer latency) {
    }

    private final MeterRegistry meters;
    private final Map<String, TargetMeters> byTarget = new ConcurrentHashMap<>();

    DeliveryMeters(@Nullable MeterRegistry meters) {
        this.meters = meters;
    }

    /** An attempt ended; {@code retry} when it was not the first. */
    void attempted(String bus, String rule, String target, boolean retry) {
        TargetMeters m = of(bus, rule, target);
        if (m != null) {
            m.attempts().increment();
            if (retry) {
                m.retries().increment();
            }
        }
    }

    void delivered(String bus, String rule, String target, Duration sinceIngestion) {
        TargetMeters m = of(bus, rule, target);
        if (m != null) {
            m.delivered().increment();
            m.latency().record(sinceIngestion);
        }
    }

    void deadLettered(String bus, String rule, String target, String errorCode) {
        TargetMeters m = of(bus, rule, target);
        if (m != null) {
            m.deadLettered().increment();
            meters.counter("eventbus.delivery.dead_letters", m.tags().and("error", errorCode)).increment();
        }
    }

    private TargetMeters of(String bus, String rule, String target) {
        if (meters == null) {
            return null;
        }
        return byTarget.computeIfAbsent(bus + "\u0000" + rule + "\u0000" + target, k -> {
            Tags tags = Tags.of("bus", bus, "rule", rule, "target", target);
            return new TargetMeters(tags, meters.counter("eventbus.delivery.attempts", tags),
                    meters.counter("eventbus.delivery.retries", tags),
                    meters.counter("eventbus.delivery.invocations", tags.and("outcome", "delivered")),
                    meters.counter("eventbus.delivery.invocations", tags.and("outcome", "dead_lettered")),
                    Timer.builder("eventbus.delivery.latency").description("From ingestion to successful delivery")
                            .publishPercentileHistogram().tags(tags).register(meters));
        });
    }
}
