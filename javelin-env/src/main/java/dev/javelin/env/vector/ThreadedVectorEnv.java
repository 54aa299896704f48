package dev.javelin.env.vector;

import dev.javelin.env.Env;

import java.util.concurrent.Phaser;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

/**
 * Steps the sub-envs on a fixed set of threads: thread {@code w} always owns the same contiguous block of
 * envs, and every env writes only its own rows, so results do not depend on scheduling. The calling
 * thread works on the last block; the others are daemon threads parked between steps.
 */
public final class ThreadedVectorEnv extends AbstractVectorEnv {
    private final int threads;
    private final int[] blockStart;
    private final Phaser phaser;
    private final Thread[] workers;
    private volatile IntConsumer task;
    private volatile boolean closed;
    private volatile Throwable failure;

    /**
     * {@code numEnvs} envs made by {@code factory(i)}, stepped by {@code threads} threads; thread {@code w} always
     * owns the same block of envs.
     */
    public ThreadedVectorEnv(int numEnvs, int threads, IntFunction<? extends Env<float[], ?>> factory) {
        super(numEnvs, factory);
        if (threads <= 0) {
            throw new IllegalArgumentException("ThreadedVectorEnv: threads = " + threads + ", expected > 0");
        }
        this.threads = Math.min(threads, numEnvs);
        blockStart = new int[this.threads + 1];
        for (int w = 0; w <= this.threads; w++) {
            blockStart[w] = (int) ((long) numEnvs * w / this.threads);
        }
        phaser = new Phaser(this.threads);
        workers = new Thread[this.threads - 1];
        for (int w = 0; w < workers.length; w++) {
            int block = w;
            workers[w] = Thread.ofPlatform().daemon().name("javelin-env-worker-" + w).start(() -> work(block));
        }
    }

    /** The number of stepping threads. */
    public int threads() { return threads; }

    private void work(int block) {
        while (true) {
            phaser.arriveAndAwaitAdvance();
            if (closed) {
                phaser.arriveAndDeregister();
                return;
            }
            runBlock(block);
            phaser.arriveAndAwaitAdvance();
        }
    }

    private void runBlock(int block) {
        try {
            IntConsumer t = task;
            for (int i = blockStart[block]; i < blockStart[block + 1]; i++) {
                t.accept(i);
            }
        } catch (Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }
    }

    @Override
    synchronized void forEachEnv(IntConsumer t) {
        if (closed) {
            throw new IllegalStateException("ThreadedVectorEnv: used after close");
        }
        task = t;
        failure = null;
        phaser.arriveAndAwaitAdvance();
        runBlock(threads - 1);
        phaser.arriveAndAwaitAdvance();
        Throwable f = failure;
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
        if (f != null) {
            throw new IllegalStateException("ThreadedVectorEnv: a sub-env failed", f);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        phaser.arriveAndDeregister();
        for (Thread w : workers) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        closeEnvs();
    }
}
