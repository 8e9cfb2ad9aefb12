package io.neuroedge.runtime.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * Runs indices 0..n-1 on a fixed number of workers (evaluation, calibration, dataset binning), each with its own state (engines are
 * single-thread confined, so every worker builds its own). Failures surface as the worker's
 * exception; an {@link UncheckedIOException} is unwrapped to its {@link IOException}.
 */
public final class Parallel {

    private Parallel() {
    }

    /** @param worker makes one worker's consumer; called once on each worker thread */
    public static void forEachIndex(int n, int threads, Supplier<IntConsumer> worker) throws IOException, InterruptedException {
        forEachIndex(n, threads, worker, done -> { });
    }

    /**
     * As {@link #forEachIndex(int, int, Supplier)}, telling {@code progress} how many indices are done
     * after each one (from the worker threads, so it must be thread-safe).
     */
    public static void forEachIndex(int n, int threads, Supplier<IntConsumer> worker, IntConsumer progress)
            throws IOException, InterruptedException {
        AtomicInteger done = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, n));
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    IntConsumer body = worker.get();
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        body.accept(i);
                        progress.accept(done.incrementAndGet());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
