package dev.javelin.rl.td3;

import java.util.Map;
import java.util.Optional;

/**
 * skrl's {@code exploration} section of TD3 and DDPG: noise added to the deterministic action while collecting,
 * scaled by {@code (1 - t / timesteps) (initial_scale - final_scale) + final_scale} at env step t (0-based) up to
 * {@code timesteps} (empty: the run's timesteps) and not added after it. RL Zoo's constant
 * {@code noise_type: normal, noise_std: s} is {@code noise: gaussian, noise_kwargs: {std: s}, final_scale: 1.0}.
 *
 * @param noise        empty (null: no noise) or {@code gaussian} ({@link GaussianNoise})
 * @param noiseKwargs  {@code mean} (0) and {@code std} of the noise, in the policy's [-1, 1] action units
 * @param initialScale the noise's scale at step 0
 * @param finalScale   its scale at {@code timesteps}
 * @param timesteps    env steps of the decay; empty means the run's timesteps
 * @param randomEps    probability of a uniform random action at each collected step (0: never)
 */
public record Exploration(Optional<String> noise, Map<String, Object> noiseKwargs, double initialScale, double finalScale,
                          Optional<Long> timesteps, double randomEps) {
    /**
     * Gaussian noise of std 0.1 (the TD3 paper's exploration; skrl's default is none), with skrl's scales 1.0 to
     * 1e-3 over the run.
     */
    public Exploration() {
        this(Optional.of(GaussianNoise.GAUSSIAN), Map.of("mean", 0.0, "std", 0.1), 1.0, 1e-3, Optional.empty(), 0);
    }

    /** Validates; a bad value is rejected with its key under {@code exploration.}. */
    public Exploration {
        GaussianNoise.of("exploration.noise", noise, noiseKwargs);
        if (!Double.isFinite(initialScale) || !Double.isFinite(finalScale)) {
            throw new IllegalArgumentException("exploration.initial_scale and exploration.final_scale must be finite, got "
                    + initialScale + " and " + finalScale);
        }
        timesteps.ifPresent(t -> {
            if (t < 1) {
                throw new IllegalArgumentException("exploration.timesteps must be >= 1 or null, got " + t);
            }
        });
        if (!(randomEps >= 0 && randomEps <= 1)) {
            throw new IllegalArgumentException("exploration.random_eps must be a probability in [0, 1], got " + randomEps);
        }
        noiseKwargs = Map.copyOf(noiseKwargs);
    }

    /** The configured noise, if any. */
    public Optional<GaussianNoise> gaussian() {
        return GaussianNoise.of("exploration.noise", noise, noiseKwargs);
    }

    /**
     * The noise's scale at 0-based env step {@code t} of a run of {@code runTimesteps}; empty past the decay's
     * end, where skrl adds no noise.
     */
    public Optional<Double> scaleAt(long t, long runTimesteps) {
        long end = timesteps.orElse(runTimesteps);
        if (t > end) {
            return Optional.empty();
        }
        return Optional.of((1 - (double) t / end) * (initialScale - finalScale) + finalScale);
    }
}
