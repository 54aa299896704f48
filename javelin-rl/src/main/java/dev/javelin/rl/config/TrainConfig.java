package dev.javelin.rl.config;

/**
 * What every algorithm's config record shares, so the command line can set it the same way for all:
 * {@code --seed}, {@code --timesteps}, {@code --num-envs} and {@code --out} are shorthands for
 * {@code --set seed=}, {@code timesteps=}, {@code num_envs=} and {@code experiment.directory=}.
 * A record implements it just by having components {@code seed, timesteps, numEnvs, experiment} (and {@code envKwargs} to take env options).
 */
public interface TrainConfig {
    /** Seed of the run; env i gets seed + i. */
    long seed();

    /** Total environment steps (summed over the vectorized copies). */
    long timesteps();

    /** Env copies stepped together. */
    int numEnvs();

    /** Where and how often the run writes: directory, name, write and checkpoint intervals. */
    Experiment experiment();

    /**
     * The env's own options (Gymnasium's keyword names, the config's {@code env_kwargs} section), passed to
     * {@code Envs.make} wherever the run builds its env. A config without that component has none.
     */
    default java.util.Map<String, Object> envKwargs() {
        return java.util.Map.of();
    }
}
