package io.eventbus.data.replay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayPaceTest {

    @Test
    void aPageIsAsLargeAsThePageSizeAndTheSpareRoomAllow() {
        ReplayPace pace = new ReplayPace("r", 500, 0);

        assertThat(pace.next(wanted -> 1_000)).isEqualTo(500);
        assertThat(pace.next(wanted -> 200)).isEqualTo(200);
        assertThat(pace.next(wanted -> 10)).as("too small a page waits for more room").isZero();
    }

    @Test
    void aPageSizeUnderTheSmallestPageIsStillAPage() {
        assertThat(new ReplayPace("r", 7, 0).next(wanted -> 7)).isEqualTo(7);
        assertThat(new ReplayPace("r", 7, 1_500).next(wanted -> 7)).as("with a rate too").isEqualTo(7);
    }

    @Test
    void aRateIsSpreadOverAHundredPeriodsASecond() {
        ReplayPace pace = new ReplayPace("r", 500, 500); // 5 events every 10 ms

        long started = System.nanoTime();
        int events = 0;
        for (int page = 0; page < 8; page++) {
            int size = pace.next(wanted -> 1_000);
            assertThat(size).isEqualTo(5);
            events += size;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(events).isEqualTo(40);
        assertThat(millis).as("8 periods of 10 ms, the first at once").isGreaterThanOrEqualTo(60);
    }
}
