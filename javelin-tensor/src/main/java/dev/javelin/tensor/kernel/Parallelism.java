package dev.javelin.tensor.kernel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The Javelin-wide number of threads a single kernel call may use.
 *
 * <p>Default 1 (or the system property {@code javelin.threads}): RL trainers already run
 * environments and workers on their own threads, and a second layer of kernel threads would
 * oversubscribe the cores. Kernels split their output into a fixed number of contiguous parts,
 * one per thread, each computed with the same arithmetic as the one-thread path, so results
 * are bit-identical for every thread count and every scheduling.
 */
public final class Parallelism {
    private Parallelism() {}

    private static volatile int threads = initialThreads();
    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> false);
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(() -> {
            IN_WORKER.set(true);
            r.run();
        }, "javelin-kernel");
        t.setDaemon(true);
        return t;
    });

    private static int initialThreads() {
        String p = System.getProperty("javelin.threads");
        if (p == null) return 1;
        try {
            return check(Integer.parseInt(p.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("javelin.threads: expected a positive integer, got '" + p + "'", e);
        }
    }

    private static int check(int n) {
        if (n < 1 || n > 1024) throw new IllegalArgumentException("threads: expected 1..1024, got " + n);
        return n;
    }

    /** Threads a kernel may use for one large call. */
    public static int threads() {
        return threads;
    }

    public static void setThreads(int n) {
        threads = check(n);
    }

    /**
     * Threads available to a kernel called from the current thread: 1 inside a kernel worker, so a
     * nested call never waits on the pool it runs in.
     */
    static int threadsHere() {
        return IN_WORKER.get() ? 1 : threads;
    }

    /** Runs body(0..parts-1), part 0 on the calling thread, and returns when all parts are done. */
    static void run(int parts, IntConsumer body) {
        if (parts <= 1) {
            body.accept(0);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int t = 1; t < parts; t++) {
            int part = t;
            futures[t - 1] = POOL.submit(() -> body.accept(part));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (Throwable e) {
            failure = e;
        }
        boolean interrupted = false;
        for (Future<?> f : futures) {
            // Wait for every part even when interrupted: a part still running would write into the output.
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (java.util.concurrent.ExecutionException e) {
                    if (failure == null) failure = e.getCause();
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure instanceof RuntimeException re) throw re;
        if (failure instanceof Error er) throw er;
        if (failure != null) throw new IllegalStateException("kernel worker failed", failure);
    }
}
