package dev.javelin.rl;

import java.nio.file.Path;

/** A run stopped on request before its timesteps: its checkpoint is written and it can be resumed. */
public final class TrainingStopped extends RuntimeException {
    private final long step;

    public TrainingStopped(Path run, long step) {
        super("stopped at step " + step + " with a checkpoint; continue with --resume " + run);
        this.step = step;
    }

    public long step() {
        return step;
    }
}
