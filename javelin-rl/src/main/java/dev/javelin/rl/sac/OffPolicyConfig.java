package dev.javelin.rl.sac;

import dev.javelin.rl.config.TrainConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The keys every off-policy learner on SAC's machinery reads (SAC, TD3, DDPG): the replay buffer, the update
 * schedule, the collectors and the demonstrations. A config record implements it by having these components.
 */
public interface OffPolicyConfig extends TrainConfig {
    /** Gradient steps per update. */
    int gradientSteps();

    /** Transitions per gradient step. */
    int batchSize();

    /** Discount factor gamma. */
    double discountFactor();

    /** Env steps acting uniformly at random before the policy acts. */
    long randomTimesteps();

    /** Whether env step {@code t} (from 1) acts uniformly at random: within random_timesteps. */
    default boolean randomAt(long t) {
        return t <= randomTimesteps();
    }

    /** gSDE: a new exploration matrix every that many env steps, or -1 only at the start of each collection. */
    default int sdeSampleFreq() {
        return -1;
    }

    /** Env steps before the first gradient step. */
    long learningStarts();

    /** Rewards are multiplied by this before they are stored. */
    double rewardsShaperScale();

    /** Whether sampled rewards are divided by the running std of the discounted return ({@link RewardNormalizer}). */
    boolean normalizeReward();

    /** Transitions the replay buffer holds. */
    int bufferSize();

    /** Empty, or {@code HerReplayBuffer}. */
    Optional<String> replayBufferClass();

    /** HER's {@code n_sampled_goal} and {@code goal_selection_strategy}. */
    Map<String, Object> replayBufferKwargs();

    /** Env steps between updates. */
    int trainFreq();

    /** Collector threads; 1 runs collection and learning in one thread, deterministically. */
    int workers();

    /** Whether the replay buffer is written next to each checkpoint. */
    boolean saveReplay();

    /** A .safetensors or .csv file of transitions to mix into every batch. */
    Optional<String> demonstrations();

    /** Fraction of each batch drawn from the demonstrations. */
    double demonstrationsRatio();

    /** Episodes of the final deterministic evaluation. */
    int evalEpisodes();
}
