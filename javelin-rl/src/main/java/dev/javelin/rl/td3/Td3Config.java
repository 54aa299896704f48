package dev.javelin.rl.td3;

import dev.javelin.nn.Activation;
import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.sac.OffPolicyConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TD3's settings: skrl's {@code TD3_DEFAULT_CONFIG} keys and defaults, then Stable-Baselines3 / RL Zoo's
 * ({@code buffer_size}, {@code train_freq}, {@code net_arch}), then the off-policy keys Javelin's SAC has too
 * ({@code normalize_reward}, {@code replay_buffer_class}, {@code workers}, {@code save_replay},
 * {@code demonstrations}). Two defaults are the paper's rather than skrl's (whose default is no noise at all):
 * exploration with Gaussian noise of std 0.1, and target policy smoothing with Gaussian noise of std 0.2
 * clipped at 0.5.
 *
 * @param learningRateScheduler          empty or {@code linear} (lr times the fraction of updates left; kwargs
 *                                       {@code end_factor}, default 0)
 * @param statePreprocessor              empty or {@code running_standard_scaler}
 * @param randomTimesteps                steps acting uniformly at random before the policy acts
 * @param learningStarts                 env steps before the first gradient step
 * @param exploration                    the noise added to the actions while collecting ({@link Exploration})
 * @param policyDelay                    critic updates per actor and target update (d in the paper)
 * @param smoothRegularizationNoise      empty or {@code gaussian}: the target policy smoothing noise
 * @param smoothRegularizationNoiseKwargs its {@code mean} and {@code std} (the paper's sigma~ = 0.2)
 * @param smoothRegularizationClip       the smoothing noise is clipped to +-this (the paper's c = 0.5)
 * @param actionL2                       weight of mean(mu(s)^2) added to the actor's loss (OpenAI Baselines' HER
 *                                       {@code action_l2}; 0: off)
 * @param rewardsShaperScale             rewards are multiplied by this before they are stored
 * @param normalizeReward                sampled rewards divided by the running std of the discounted return
 * @param replayBufferClass              empty, or {@code HerReplayBuffer} on a goal env
 * @param trainFreq                      env steps between updates
 * @param workers                        collector threads; 1 collects and learns in one thread, deterministically
 * @param saveReplay                     write the replay buffer next to each checkpoint
 * @param demonstrations                 a .safetensors or .csv file of transitions to mix into every batch
 * @param demonstrationsRatio            fraction of each batch drawn from the demonstrations
 * @param evalEpisodes                   episodes of the final deterministic evaluation
 * @param envKwargs                      options of the env, under its own names
 */
public record Td3Config(
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
        int policyDelay,
        Optional<String> smoothRegularizationNoise,
        Map<String, Object> smoothRegularizationNoiseKwargs,
        double smoothRegularizationClip,
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

    /** skrl's defaults (with its trainer's 100k timesteps), SB3's for the keys skrl lacks, the paper's noises. */
    public Td3Config() {
        this(42, 100_000, 1, 1, 64, 0.99, 0.005, 1e-3, 1e-3, Optional.empty(), Map.of(), Optional.empty(), Map.of(),
                0, 0, 0, new Exploration(), 2, Optional.of(GaussianNoise.GAUSSIAN), Map.of("mean", 0.0, "std", 0.2), 0.5,
                0, 1.0, false, 1_000_000, Optional.empty(), Map.of(), 1, List.of(400, 300), Activation.RELU, 1, false,
                Optional.empty(), 0.25, 10, new Experiment(), Map.of());
    }

    /** Validates the components; a bad value is rejected with a message naming its config key. */
    public Td3Config {
        OffPolicyChecks.common("TD3", numEnvs, timesteps, gradientSteps, batchSize, discountFactor, polyak, actorLearningRate,
                criticLearningRate, learningRateScheduler, learningRateSchedulerKwargs, statePreprocessor,
                statePreprocessorKwargs, randomTimesteps, learningStarts, gradNormClip, rewardsShaperScale, bufferSize,
                replayBufferClass, replayBufferKwargs, trainFreq, netArch, workers, demonstrations, demonstrationsRatio,
                evalEpisodes);
        if (policyDelay < 1) {
            throw new IllegalArgumentException("policy_delay must be >= 1, got " + policyDelay);
        }
        GaussianNoise.of("smooth_regularization_noise", smoothRegularizationNoise, smoothRegularizationNoiseKwargs);
        if (!(smoothRegularizationClip >= 0) || Double.isInfinite(smoothRegularizationClip)) {
            throw new IllegalArgumentException("smooth_regularization_clip must be a number >= 0, got " + smoothRegularizationClip);
        }
        OffPolicyChecks.actionL2(actionL2);
        netArch = List.copyOf(netArch);
        smoothRegularizationNoiseKwargs = Map.copyOf(smoothRegularizationNoiseKwargs);
    }

    /** The target policy smoothing noise, if any. */
    public Optional<GaussianNoise> smoothing() {
        return GaussianNoise.of("smooth_regularization_noise", smoothRegularizationNoise, smoothRegularizationNoiseKwargs);
    }

    /** LinearLr's end factor (0: to zero at the last update). */
    public double linearEndFactor() {
        return learningRateSchedulerKwargs.get("end_factor") instanceof Number n ? n.doubleValue() : 0;
    }
}
