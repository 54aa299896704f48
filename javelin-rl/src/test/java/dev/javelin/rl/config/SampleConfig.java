package dev.javelin.rl.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A config shaped like an agent's: scalars, a keyword-named key, optional, kwargs map, list, enum, section. */
public record SampleConfig(
        long seed,
        long timesteps,
        int numEnvs,
        int rollouts,
        @Key("lambda") double gaeLambda,
        float learningRate,
        boolean timeLimitBootstrap,
        Optional<String> learningRateScheduler,
        Map<String, Object> learningRateSchedulerKwargs,
        List<Integer> hiddenSizes,
        Activation activation,
        Experiment experiment,
        Map<String, Object> envKwargs) implements TrainConfig {

    public enum Activation { TANH, RELU }

    public SampleConfig() {
        this(42, 100_000, 1, 16, 0.95, 1e-3f, false, Optional.empty(), Map.of(), List.of(64, 64),
                Activation.TANH, new Experiment(), Map.of());
    }

    public SampleConfig {
        if (rollouts < 1) {
            throw new IllegalArgumentException("rollouts must be >= 1, got " + rollouts);
        }
        if (!(gaeLambda >= 0 && gaeLambda <= 1)) {
            throw new IllegalArgumentException("lambda must be in [0, 1], got " + gaeLambda);
        }
    }
}
