package dev.javelin.rl.td3;

import dev.javelin.nn.Activation;
import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.sac.OffPolicyConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DDPG's settings: skrl's {@code DDPG_DEFAULT_CONFIG} keys and defaults (TD3's without {@code policy_delay} and
 * the smoothing noise), then the same Stable-Baselines3 and Javelin keys as {@link Td3Config}. Exploration
 * defaults to Gaussian noise of std 0.1, as TD3's. See {@link Td3Config} for the keys.
 */
public record DdpgConfig(
        long seed,
        long timesteps,
        int numEnvs,
        int gradientSteps,
        int batchSize,
        double discountFactor,
        double polyak,
        double actorLearningRate,
        double criticLearningRate,
        Optional<String> learningRateScheduler,
        Map<String, Object> learningRateSchedulerKwargs,
        Optional<String> statePreprocessor,
        Map<String, Object> statePreprocessorKwargs,
        long randomTimesteps,
        long learningStarts,
        double gradNormClip,
        Exploration exploration,
        double actionL2,
        double rewardsShaperScale,
        boolean normalizeReward,
        int bufferSize,
        Optional<String> replayBufferClass,
        Map<String, Object> replayBufferKwargs,
        int trainFreq,
        List<Integer> netArch,
        Activation activation,
        int workers,
        boolean saveReplay,
        Optional<String> demonstrations,
        double demonstrationsRatio,
        int evalEpisodes,
        Experiment experiment,
        Map<String, Object> envKwargs) implements OffPolicyConfig {

    /** skrl's defaults (with its trainer's 100k timesteps), SB3's for the keys skrl lacks, Gaussian exploration. */
    public DdpgConfig() {
        this(42, 100_000, 1, 1, 64, 0.99, 0.005, 1e-3, 1e-3, Optional.empty(), Map.of(), Optional.empty(), Map.of(),
                0, 0, 0, new Exploration(), 0, 1.0, false, 1_000_000, Optional.empty(), Map.of(), 1, List.of(400, 300),
                Activation.RELU, 1, false, Optional.empty(), 0.25, 10, new Experiment(), Map.of());
    }

    /** Validates the components; a bad value is rejected with a message naming its config key. */
    public DdpgConfig {
        OffPolicyChecks.common("DDPG", numEnvs, timesteps, gradientSteps, batchSize, discountFactor, polyak, actorLearningRate,
                criticLearningRate, learningRateScheduler, learningRateSchedulerKwargs, statePreprocessor,
                statePreprocessorKwargs, randomTimesteps, learningStarts, gradNormClip, rewardsShaperScale, bufferSize,
                replayBufferClass, replayBufferKwargs, trainFreq, netArch, workers, demonstrations, demonstrationsRatio,
                evalEpisodes);
        OffPolicyChecks.actionL2(actionL2);
        netArch = List.copyOf(netArch);
    }

    /** TD3 with its three features off: one critic is the agent's choice; here no policy delay and no smoothing. */
    public Td3Config asTd3() {
        return new Td3Config(seed, timesteps, numEnvs, gradientSteps, batchSize, discountFactor, polyak, actorLearningRate,
                criticLearningRate, learningRateScheduler, learningRateSchedulerKwargs, statePreprocessor,
                statePreprocessorKwargs, randomTimesteps, learningStarts, gradNormClip, exploration, 1, Optional.empty(),
                Map.of(), 0, actionL2, rewardsShaperScale, normalizeReward, bufferSize, replayBufferClass, replayBufferKwargs,
                trainFreq, netArch, activation, workers, saveReplay, demonstrations, demonstrationsRatio, evalEpisodes,
                experiment, envKwargs);
    }
}
