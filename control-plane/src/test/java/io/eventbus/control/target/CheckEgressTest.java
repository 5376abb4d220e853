package io.eventbus.control.target;

import io.eventbus.core.egress.EgressPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Names are resolved when saved if that is quick; literals and localhost never are. */
class CheckEgressTest {

    private final AtomicInteger lookups = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        return switch (host) {
            case "hooks.internal" -> new InetAddress[]{InetAddress.getByName("10.0.0.7")};
            case "hooks.example" -> new InetAddress[]{InetAddress.getByName("93.184.216.34")};
            case "slow.example" -> {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new UnknownHostException(host);
            }
            default -> throw new UnknownHostException(host);
        };
    }

    private final CheckEgress strict = new CheckEgress(new EgressPolicy(false), this::resolve);

    @Test
    void aNameThatResolvesToAnInternalAddressIsWarnedOf() {
        List<Warning> warnings = strict.check(Map.of("targets[2].webhook.url", "https://hooks.internal:8443/in"));

        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.code()).isEqualTo("EGRESS_BLOCKED");
            assertThat(w.location()).isEqualTo("targets[2].webhook.url");
            assertThat(w.message()).contains("hooks.internal resolves to 10.0.0.7, a private network address")
                    .contains("set EVENTBUS_DELIVERY_ALLOW_PRIVATE_NETWORKS=true")
                    .endsWith("Resolved when saved; deliveries check the address again at every connection.");
        });
    }

    @Test
    void publicUnknownAndSlowNamesAreNot() {
        long started = System.nanoTime();

        List<Warning> warnings = strict.check(Map.of("a", "https://hooks.example/in", "b", "https://nowhere.example/in",
                "c", "https://slow.example/in"));

        assertThat(warnings).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waits for slow names only so long")
                .isLessThan(CheckEgress.RESOLVE_WITHIN.plusSeconds(1));
        never.countDown();
    }

    @Test
    void literalsAndLocalhostAreNeverLookedUp() {
        List<Warning> warnings = strict.check(Map.of("a", "http://127.0.0.1/", "b", "http://[::1]:8080/",
                "c", "http://app.localhost/", "d", "https://8.8.8.8/"));

        assertThat(warnings).extracting(Warning::location).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(lookups).hasValue(0);
    }

    @Test
    void withPrivateNetworksAllowedNothingIsCheckedOrSaid() {
        CheckEgress open = new CheckEgress(new EgressPolicy(true), this::resolve);

        assertThat(open.check(Map.of("a", "http://127.0.0.1/", "b", "https://hooks.internal/"))).isEmpty();
        assertThat(lookups).hasValue(0);
    }
}
