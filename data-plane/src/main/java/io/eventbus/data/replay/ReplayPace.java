package io.eventbus.data.replay;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.time.Duration;
import java.util.function.IntUnaryOperator;

/**
 * How large a replay's next page may be and when it may go: no larger than the page size, the delivery workers'
 * spare room and one period's permits of the replay's rate; no smaller than 32 events while a larger page may soon
 * fit (a busy process writes fewer, larger transactions). A rate is spread over 100 periods a second, so a replay
 * limited to 5,000 events/s sends 50 every 10 ms rather than 5,000 at the start of each second, or 250 every 50 ms
 * (bursts that live events wait behind: live p99 22 ms with 20 periods a second, 13 ms with 100, in one run each,
 * docs/performance.md). Not thread-safe: one per running replay.
 */
final class ReplayPace {

    private static final int SMALLEST_PAGE = 32;
    private static final int PERIODS_PER_SECOND = 100;

    private final int largest;
    private final RateLimiter limiter;

    /**
     * @param pageSize the data plane's largest page
     * @param rate     events per second at most; 0 or less for no limit
     */
    ReplayPace(String replay, int pageSize, int rate) {
        int permitsPerPeriod = rate <= 0 ? pageSize : Math.max(1, rate / PERIODS_PER_SECOND);
        this.largest = Math.min(pageSize, permitsPerPeriod);
        this.limiter = rate <= 0 ? null : RateLimiter.of("replay-" + replay, RateLimiterConfig.custom()
                .limitForPeriod(permitsPerPeriod)
                .limitRefreshPeriod(Duration.ofNanos(1_000_000_000L * permitsPerPeriod / rate))
                .timeoutDuration(Duration.ofSeconds(1)).build());
    }

    /**
     * The size of the next page, given the spare room ({@code spareRoom} of the largest page wanted), once the rate
     * allows it; 0 when there is not room for a page worth writing yet, or the rate did not allow one within a
     * second (look again).
     */
    int next(IntUnaryOperator spareRoom) {
        int size = Math.min(largest, spareRoom.applyAsInt(largest));
        if (size < Math.min(SMALLEST_PAGE, largest)) {
            return 0;
        }
        return limiter == null || limiter.acquirePermission(size) ? size : 0;
    }
}
