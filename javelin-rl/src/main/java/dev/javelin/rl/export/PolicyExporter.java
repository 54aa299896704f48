package dev.javelin.rl.export;

import dev.javelin.policy.PolicySpec;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.config.TrainConfig;

/**
 * Turns an algorithm's checkpoint into its deterministic policy, for {@code javelin export} and
 * {@code Policy.load}. Implementations are listed in {@code META-INF/services/dev.javelin.rl.export.PolicyExporter}
 * (public no-argument constructor) and live beside their algorithm; they read the checkpoint's tensors by name
 * and build no agent, so exporting loads no training code (a new algorithm, e.g. TD3, adds one class and one line).
 *
 * @param <C> the algorithm's config record, as in {@link dev.javelin.rl.Algorithm}
 */
public interface PolicyExporter<C extends Record & TrainConfig> {
    /** The algorithm's name, as in config.yaml's {@code algo}: "ppo". */
    String algo();

    Class<C> configClass();

    /**
     * The policy in {@code checkpoint}, which a run of this algorithm with {@code config} on {@code envId} wrote:
     * the deterministic action the algorithm evaluates with, from a raw observation to the env's action.
     */
    PolicySpec policy(C config, String envId, Checkpoint checkpoint);
}
