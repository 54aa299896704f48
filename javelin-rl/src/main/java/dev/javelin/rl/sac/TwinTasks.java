package dev.javelin.rl.sac;

import dev.javelin.tensor.kernel.Parallelism;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Runs a pair of independent tasks (task 0 and task 1: the twin critics' passes, the actor's two forward
 * passes) side by side: task 0 on the calling thread, task 1 on a helper thread, each with one kernel thread,
 * when {@link Parallelism#threads()} allows two; one after the other otherwise. The tasks share nothing but
 * read-only inputs, so the results are the same bits either way.
 *
 * <p>A handoff wakes the helper in about as long as a 256x256x256 product takes on one core, so both sides
 * spin for {@link #SPIN_NANOS} before they park, as the kernel pool's workers do.
 */
final class TwinTasks implements AutoCloseable {
    static final long SPIN_NANOS = 100_000;

    private final Object lock = new Object();
    private Thread helper; // guarded by lock
    private volatile Runnable job;
    private volatile boolean closed;
    /** Set by the helper when the current job has finished; read by the caller. */
    private volatile boolean finished;
    private volatile Thread caller;

    /** [task.apply(0), task.apply(1)]; a task's exception is rethrown after both have finished. */
    <T> List<T> run(IntFunction<T> task) {
        int kernelThreads = Parallelism.threads();
        if (kernelThreads < 2) {
            return Arrays.asList(task.apply(0), task.apply(1));
        }
        Object[] second = new Object[1];
        Throwable[] failure = new Throwable[1];
        Parallelism.setThreads(1);
        try {
            finished = false;
            caller = Thread.currentThread();
            job = () -> {
                try {
                    second[0] = task.apply(1);
                } catch (Throwable e) {
                    failure[0] = e;
                }
            };
            LockSupport.unpark(helper());
            T first;
            try {
                first = task.apply(0);
            } finally {
                awaitHelper();
            }
            if (failure[0] instanceof RuntimeException e) {
                throw e;
            }
            if (failure[0] instanceof Error e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            T t = (T) second[0];
            return Arrays.asList(first, t);
        } finally {
            Parallelism.setThreads(kernelThreads);
        }
    }

    private void awaitHelper() {
        long t0 = System.nanoTime();
        while (!finished) {
            if (System.nanoTime() - t0 < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    private Thread helper() {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("TwinTasks: used after close()");
            }
            if (helper == null) {
                helper = Thread.ofPlatform().name("sac-twin").daemon().start(this::serve);
            }
            return helper;
        }
    }

    private void serve() {
        while (!closed) {
            Runnable j = job;
            long t0 = System.nanoTime();
            while (j == null && !closed) {
                if (System.nanoTime() - t0 < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                j = job;
            }
            if (j == null) {
                return;
            }
            job = null;
            j.run();
            finished = true;
            LockSupport.unpark(caller);
        }
    }

    /** Stops the helper thread (if one was started). */
    @Override
    public void close() {
        Thread h;
        synchronized (lock) {
            closed = true;
            h = helper;
        }
        if (h != null) {
            LockSupport.unpark(h);
        }
    }
}
