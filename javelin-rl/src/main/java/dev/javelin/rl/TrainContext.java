package dev.javelin.rl;

import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.run.Progress;
import dev.javelin.rl.run.RunDirectory;

/**
 * Everything a training run gets from outside: the resolved config, where to write, how many
 * threads it may use, and whether to continue the run from its latest checkpoint.
 */
public record TrainContext<C extends Record & TrainConfig>(
        String envId,
        C config,
        int threads,
        RunDirectory run,
        Logger logger,
        Progress progress,
        boolean resume) {

    /** Rejects fewer than one thread. */
    public TrainContext {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
    }
}
