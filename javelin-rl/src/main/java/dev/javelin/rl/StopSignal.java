package dev.javelin.rl;

/**
 * An orderly stop asked from outside the training loop (SIGINT, SIGTERM): the loop reads it at its next
 * safe point (between env steps, never inside an update), writes its checkpoint and returns.
 */
public final class StopSignal {
    private volatile boolean requested;

    public void request() {
        requested = true;
    }

    public boolean requested() {
        return requested;
    }
}
