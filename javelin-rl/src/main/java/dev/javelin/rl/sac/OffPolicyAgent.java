package dev.javelin.rl.sac;

import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.logging.Logger;
import dev.javelin.rl.memory.Transitions;
import dev.javelin.tensor.Rng;
import java.util.Optional;

/**
 * An off-policy learner's networks and gradient step, as the shared loops ({@link OffPolicyTraining},
 * {@link ParallelLoop}, {@link Learner}) drive them: SAC's {@link SacAgent}, TD3's and DDPG's agent.
 */
public interface OffPolicyAgent extends AutoCloseable {
    /** The live policy (the learner's): act with it only between updates. */
    ActingPolicy policy();

    /** A policy of the same shape with its own parameters (copy into it), for another thread. */
    ActingPolicy newPolicy();

    /** Gradient steps done so far. */
    long updates();

    /**
     * One gradient step on a batch whose rewards are already shaped and whose last {@code demoRows} rows are
     * demonstrations; records what it measured in {@code logger} (holding its monitor) under skrl's tags.
     */
    void learn(Transitions batch, int demoRows, Rng rng, Logger logger);

    /** The reward normalization's statistics, which the collectors feed, when normalize_reward is on. */
    Optional<RewardNormalizer> rewardNormalizer();

    /** Everything a resumed run needs. */
    Checkpoint checkpoint();

    /** Restores {@link #checkpoint()}; with {@code policyOnly} only what acting needs. */
    void load(Checkpoint c, boolean policyOnly);

    /** Stops helper threads; the agent can still act and be saved. */
    @Override
    void close();
}
