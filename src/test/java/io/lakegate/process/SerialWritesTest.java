package io.lakegate.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialWritesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    @Test
    void runsOneFilesWritesInOrderAndNeverTwoAtOnceOnAPoolOfMany() throws Exception {
        SerialWrites writes = new SerialWrites(pool);
        List<Integer> order = new ArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<Future<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int write = i;
            futures.add(writes.submit(() -> {
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(write);
                Thread.onSpinWait();
                running.decrementAndGet();
                return null;
            }));
        }
        for (Future<Void> future : futures) {
            future.get(10, TimeUnit.SECONDS);
        }

        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(order).hasSize(200).isSorted();
    }

    @Test
    void stopCancelsTheWritesNotStartedAndWaitsForTheRunningOne() throws Exception {
        SerialWrites writes = new SerialWrites(pool);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Future<Void> first = writes.submit(() -> {
            started.countDown();
            release.await();
            finished.incrementAndGet();
            return null;
        });
        Future<Void> second = writes.submit(() -> {
            finished.incrementAndGet();
            return null;
        });
        started.await();

        assertThat(writes.stop(Duration.ofMillis(50))).as("still running").isFalse();
        release.countDown();
        assertThat(writes.stop(Duration.ofSeconds(10))).isTrue();

        first.get();
        assertThatThrownBy(second::get).isInstanceOf(CancellationException.class);
        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void aPoolThatRefusesWorkCancelsTheWritesSoNobodyWaitsForever() {
        pool.shutdown();
        SerialWrites writes = new SerialWrites(pool);

        Future<Void> refused = writes.submit(() -> null);

        assertThatThrownBy(() -> refused.get(5, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }
}
