package io.eventbus.data.outbox;

import io.eventbus.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** How writers group what is submitted into transactions, on a real connection. */
class GroupCommitTest {

    private static final long LONG_LINGER = TimeUnit.SECONDS.toNanos(1);

    private final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    private GroupCommit<Integer, Integer> commit;

    @AfterEach
    void stop() throws InterruptedException {
        commit.stop("stopped");
    }

    private void start(GroupCommit.Batching<Integer> batching) {
        commit = new GroupCommit<>("test", "failed", TestDatabase.get().dataSource(), 2, 10_000, batching, true,
                (c, items) -> {
                    batchSizes.add(items.size());
                    return items;
                }, (items, results) -> {
                });
        commit.start();
    }

    @Test
    void aRequestThatArrivesAloneIsWrittenAtOnceWhateverTheLinger() {
        start(GroupCommit.Batching.whileArriving(i -> 1, 1_000, LONG_LINGER));

        long started = System.nanoTime();
        assertThat(commit.submit(1, "full").join()).isEqualTo(1);

        assertThat(System.nanoTime() - started).as("far less than the linger of 1 s")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
        assertThat(batchSizes).containsExactly(1);
    }

    @Test
    void requestsThatKeepArrivingShareTransactions() {
        start(GroupCommit.Batching.whileArriving(i -> 1, 1_000, LONG_LINGER));

        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(commit.submit(i, "full"));
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(500)); // about 2,000 a second
        }
        results.forEach(CompletableFuture::join);

        assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(batchSizes.size()).as("transactions for 200 requests arriving every 0.5 ms: " + batchSizes)
                .isLessThan(100);
    }

    @Test
    void eagerWritersNeverWaitForMore() {
        start(GroupCommit.Batching.eager(i -> 1, 1_000));

        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            commit.submit(i, "full").join();
        }

        assertThat(batchSizes).hasSize(20).containsOnly(1);
        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aBatchStopsAtItsWeight() {
        start(GroupCommit.Batching.lingering(i -> i, 10, LONG_LINGER, i -> false));

        CompletableFuture<Integer> first = commit.submit(4, "full");
        CompletableFuture<Integer> second = commit.submit(6, "full");
        CompletableFuture.allOf(first, second).join();

        assertThat(batchSizes).as("4 + 6 reach the weight of 10: written without the linger").containsExactly(2);
    }

    @Test
    void anUrgentItemEndsTheLinger() {
        start(GroupCommit.Batching.lingering(i -> 1, 1_000, LONG_LINGER, i -> i < 0));

        long started = System.nanoTime();
        commit.submit(-1, "full").join();

        assertThat(System.nanoTime() - started).isLessThan(TimeUnit.MILLISECONDS.toNanos(500));
    }
}
