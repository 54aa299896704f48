package dev.javelin.rl;

import dev.javelin.rl.config.TrainConfig;
import java.nio.file.Path;
import java.util.Optional;

/** A deterministic evaluation of {@code checkpoint} on {@code envId} with the run's config. */
public record EvalContext<C extends Record & TrainConfig>(
        String envId,
        C config,
        Path checkpoint,
        int episodes,
        long seed,
        Optional<Path> video) {

    /** Rejects fewer than one episode. */
    public EvalContext {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
    }
}
