package dev.javelin.rl;

import dev.javelin.tensor.kernel.Parallelism;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A second thread that runs one task at a time beside the caller: PPO's critic loss and backward pass while the
 * caller does the actor's ({@link #start}, {@link Pending#join}), SAC's twin critics' passes ({@link #both}). The tasks
 * share nothing but read-only inputs, so the results are the same bits on one thread or two.
 *
 * <p>Waking a parked thread takes about as long as the task itself (~60 us on the dev machine, a 256x256x256
 * product on one core), and the next task follows within tens of microseconds during an update: both sides
 * spin for {@link #SPIN_NANOS} before they park, as the kernel pool's workers do. The thread starts on first use.
 */
public final class SideThread implements AutoCloseable {
    static final long SPIN_NANOS = 100_000;

    private final String name;
    private final Object lock = new Object();
    private Thread worker;  // guarded by lock
    private volatile Supplier<?> task;
    private volatile boolean finished = true;
    private volatile boolean closed;
    private volatile Thread waiter;
    private Object result;
    private Throwable failure;
    private Pending<?> pending;  // the caller's view: started and not yet joined

    /**
     * A side thread, started on first use.
     *
     * @param name the thread's name, as stack traces and profilers show it
     */
    public SideThread(String name) {
        this.name = name;
    }

    /** Starts {@code t} on the side thread; the previous task must have been joined. */
    public <T> Pending<T> start(Supplier<T> t) {
        if (pending != null) {
            throw new IllegalStateException("SideThread " + name + ": start before the last task was joined");
        }
        Thread w = worker();
        Pending<T> p = new Pending<>();
        pending = p;
        finished = false;
        task = t;
        LockSupport.unpark(w);
        return p;
    }

    /** A started task, to be joined once. */
    public final class Pending<T> {
        private Pending() {
        }

        /** The task's result, after waiting for it; its exception is rethrown here. */
        @SuppressWarnings("unchecked")
        public T join() {
            return (T) SideThread.this.join(this);
        }
    }

    private Object join(Pending<?> p) {
        if (pending != p) {
            throw new IllegalStateException("SideThread " + name + ": join of a task that is not the one running");
        }
        pending = null;
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
        Object r = result;
        result = null;
        if (failure != null) {
            Throwable f = failure;
            failure = null;
            if (f instanceof RuntimeException e) {
                throw e;
            }
            if (f instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(f);
        }
        return r;
    }

    /**
     * [task.apply(0), task.apply(1)]: task 1 on the side thread while task 0 runs on the caller, each with one kernel
     * thread, when {@link Parallelism#threads()} allows two; one after the other on the caller otherwise. A task's
     * exception is rethrown once both have finished.
     */
    public <T> List<T> both(IntFunction<T> task) {
        int kernelThreads = Parallelism.threads();
        if (kernelThreads < 2) {
            return Arrays.asList(task.apply(0), task.apply(1));
        }
        Parallelism.setThreads(1);
        try {
            Pending<T> side = start(() -> task.apply(1));
            T first;
            try {
                first = task.apply(0);
            } catch (RuntimeException | Error e) {
                try {
                    side.join();
                } catch (RuntimeException | Error ignored) {
                    // task 0's failure is the one reported
                }
                throw e;
            }
            T second = side.join();
            return Arrays.asList(first, second);
        } finally {
            Parallelism.setThreads(kernelThreads);
        }
    }

    private Thread worker() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("SideThread " + name + ": used after close()");
            }
            if (worker == null) {
                worker = Thread.ofPlatform().daemon().name(name).start(this::loop);
            }
            return worker;
        }
    }

    private void loop() {
        while (!closed) {
            Supplier<?> t = task;
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
                result = t.get();
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

    /** Stops the side thread (if one was started); a task still running finishes first. */
    @Override
    public void close() {
        Thread w;
        synchronized (lock) {
            closed = true;
            w = worker;
        }
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
