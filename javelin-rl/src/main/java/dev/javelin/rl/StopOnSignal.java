package dev.javelin.rl;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGINT and SIGTERM as an orderly stop, for a command that trains: a JVM shutdown hook requests the
 * {@link #signal()} and holds the JVM's exit (bounded) until this scope closes, so the loop's checkpoint and
 * the command's last message get written. Library callers of {@link Training#run} pass their own signal.
 */
public final class StopOnSignal implements AutoCloseable {
    /** How long an interrupted JVM waits for the checkpoint before it exits anyway. */
    public static final long WAIT_SECONDS = 60;

    private final StopSignal signal = new StopSignal();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    private StopOnSignal() {
        hook = new Thread(() -> {
            signal.request();
            try {
                closed.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "javelin-stop");
    }

    public static StopOnSignal install() {
        StopOnSignal s = new StopOnSignal();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    public StopSignal signal() {
        return signal;
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and has just been released
        }
    }
}
