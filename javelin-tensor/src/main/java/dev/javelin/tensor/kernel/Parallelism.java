package dev.javelin.tensor.kernel;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
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
    // Waking a parked thread takes ~60 us on this VM, as long as a 256^3 product takes on one core:
    // workers and callers spin this long before they park.
    private static final long SPIN_NANOS = 100_000;
    private static final ReentrantLock BUSY = new ReentrantLock();
    private static Worker[] workers = new Worker[0]; // guarded by BUSY

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

    /** Sets the threads a large kernel call may use (at least 1); the results do not depend on it. */
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

    /**
     * Runs body(0..parts-1), part 0 on the calling thread, and returns when all parts are done. When
     * another caller (or this one, nested) holds the workers, this caller runs every part itself: same
     * parts, same results.
     */
    static void run(int parts, IntConsumer body) {
        if (parts <= 1 || BUSY.isHeldByCurrentThread() || !BUSY.tryLock()) {
            for (int t = 0; t < parts; t++) body.accept(t);
            return;
        }
        try {
            if (workers.length < parts - 1) {
                Worker[] more = Arrays.copyOf(workers, parts - 1);
                for (int i = workers.length; i < more.length; i++) more[i] = new Worker(i + 1);
                workers = more;
            }
            for (int t = 1; t < parts; t++) workers[t - 1].start(body, t);
            Throwable failure = null;
            try {
                body.accept(0);
            } catch (Throwable e) {
                failure = e;
            }
            // Wait for every part even after a failure: a part still running would write into the output.
            for (int t = 1; t < parts; t++) {
                Throwable f = workers[t - 1].await();
                if (failure == null) failure = f;
            }
            if (failure instanceof RuntimeException re) throw re;
            if (failure instanceof Error er) throw er;
            if (failure != null) throw new IllegalStateException("kernel worker failed", failure);
        } finally {
            BUSY.unlock();
        }
    }

    /** A daemon thread that runs one part at a time, handed over through a volatile flag. */
    private static final class Worker implements Runnable {
        private final Thread thread;
        private volatile boolean pending;
        private volatile Thread waiter;
        private IntConsumer body; // published by the volatile write of pending
        private int part;
        private Throwable failure;

        Worker(int index) {
            thread = new Thread(this, "javelin-kernel-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        void start(IntConsumer body, int part) {
            this.body = body;
            this.part = part;
            this.failure = null;
            waiter = Thread.currentThread();
            pending = true;
            LockSupport.unpark(thread);
        }

        Throwable await() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (pending) {
                if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            return failure;
        }

        @Override
        public void run() {
            IN_WORKER.set(true);
            while (true) {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (!pending) {
                    if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                try {
                    body.accept(part);
                } catch (Throwable e) {
                    failure = e;
                }
                body = null;
                pending = false;
                LockSupport.unpark(waiter);
            }
        }
    }
}
