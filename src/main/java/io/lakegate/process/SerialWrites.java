package io.lakegate.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;

/**
 * One file's Parquet writes, run one after another in the order they were handed over, on the writer pool the
 * files in processing share: a file's parts are not written from two threads at once, and no file needs a thread
 * of its own.
 */
final class SerialWrites {

    private final Executor pool;
    private final Queue<FutureTask<Void>> waiting = new ArrayDeque<>();
    private FutureTask<Void> running;

    SerialWrites(Executor pool) {
        this.pool = pool;
    }

    synchronized Future<Void> submit(Callable<Void> write) {
        FutureTask<Void> task = new FutureTask<>(write) {
            @Override
            protected void done() {
                runNext(this);
            }
        };
        waiting.add(task);
        if (running == null) {
            startNext();
        }
        return task;
    }

    /**
     * Cancels the writes not started yet and waits up to {@code timeout} for the one running to end; returns whether
     * it did.
     */
    synchronized boolean stop(Duration timeout) throws InterruptedException {
        cancelWaiting();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (running != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(left / 1_000_000 + 1);
        }
        return true;
    }

    private synchronized void runNext(FutureTask<Void> finished) {
        if (running == finished) {
            running = null;
            startNext();
        }
    }

    private void startNext() {
        running = waiting.poll();
        if (running == null) {
            notifyAll();
            return;
        }
        try {
            pool.execute(running);
        } catch (RejectedExecutionException e) {
            // The pool is shutting down: nothing more will run, and whoever waits for a write must hear so.
            FutureTask<Void> refused = running;
            running = null;
            cancelWaiting();
            refused.cancel(false);
            notifyAll();
        }
    }

    private void cancelWaiting() {
        FutureTask<Void> task;
        while ((task = waiting.poll()) != null) {
            task.cancel(false);
        }
    }
}
