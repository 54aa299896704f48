package dev.javelin.rl.ppo;

import java.util.concurrent.locks.LockSupport;
import java.util.function.DoubleSupplier;

/**
 * A second thread that runs one task at a time for the update loop (the critic's loss and backward pass,
 * while the caller does the actor's). Both sides spin up to 100 us before they park: waking a parked thread
 * takes ~60 us on the dev machine, half of what the task itself takes, and the next task follows within
 * tens of microseconds during an update.
 */
final class CriticThread implements AutoCloseable {
    private static final long SPIN_NANOS = 100_000;

    private final Thread worker;
    private volatile DoubleSupplier task;
    private volatile boolean finished = true;
    private volatile boolean closed;
    private volatile Thread waiter;
    private double result;
    private Throwable failure;
    private boolean pending;  // the caller's view: started and not yet joined

    CriticThread() {
        worker = Thread.ofPlatform().daemon().name("ppo-critic").start(this::loop);
    }

    /** Starts {@code t} on the worker; the previous task must have been joined. */
    void start(DoubleSupplier t) {
        if (pending || closed) {
            throw new IllegalStateException("CriticThread: start before the last task was joined, or after close");
        }
        pending = true;
        finished = false;
        task = t;
        LockSupport.unpark(worker);
    }

    /** The task's result, after waiting for it; its exception is rethrown here. */
    double join() {
        if (!pending) {
            throw new IllegalStateException("CriticThread: join without a started task");
        }
        pending = false;
        waiter = Thread.currentThread();
        long began = System.nanoTime();
        while (!finished) {
            if (System.nanoTime() - began > SPIN_NANOS) {
                LockSupport.park(this);
            } else {
                Thread.onSpinWait();
            }
        }
        waiter = null;
        if (failure != null) {
            Throwable f = failure;
            failure = null;
            if (f instanceof RuntimeException r) {
                throw r;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
        return result;
    }

    private void loop() {
        while (!closed) {
            DoubleSupplier t = task;
            if (t == null) {
                long began = System.nanoTime();
                while (task == null && !closed) {
                    if (System.nanoTime() - began > SPIN_NANOS) {
                        LockSupport.park(this);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                continue;
            }
            task = null;
            try {
                result = t.getAsDouble();
            } catch (Throwable e) {
                failure = e;
            }
            finished = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(worker);
    }
}
