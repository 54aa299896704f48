package dev.javelin.cli;

import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.config.TrainConfig;

record TallyConfig(long seed, long timesteps, int numEnvs, double rewardPerStep, Experiment experiment)
        implements TrainConfig {
    public TallyConfig() {
        this(7, 1000, 2, 0.5, new Experiment());
    }

    TallyConfig {
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be >= 1, got " + timesteps);
        }
    }
}
