package dev.javelin.rl.config;

/**
 * What every algorithm's config record shares, so the command line can set it the same way for all:
 * {@code --seed}, {@code --timesteps}, {@code --num-envs} and {@code --out} are shorthands for
 * {@code --set seed=}, {@code timesteps=}, {@code num_envs=} and {@code experiment.directory=}.
 * A record implements it just by having components {@code seed, timesteps, numEnvs, experiment}.
 */
public interface TrainConfig {
    long seed();

    /** Total environment steps (summed over the vectorized copies). */
    long timesteps();

    int numEnvs();

    Experiment experiment();
}
