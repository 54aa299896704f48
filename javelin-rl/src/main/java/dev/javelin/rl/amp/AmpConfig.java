package dev.javelin.rl.amp;

import dev.javelin.nn.Activation;
import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.config.Key;
import dev.javelin.rl.config.Kwargs;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.ppo.ActorCritic;
import dev.javelin.rl.ppo.PpoConfig;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AMP's settings: skrl's {@code AMP_DEFAULT_CONFIG} keys and defaults, then the sizes of the two AMP memories and
 * the models of skrl's HumanoidAMP example (policy, value and discriminator MLPs [1024, 512] ReLU, a fixed policy
 * log-std of -2.9, motion dataset of 200,000 and replay buffer of 1,000,000 AMP observations).
 *
 * <p>As in PPO here: preprocessors are named ({@code running_standard_scaler}) and take {@code epsilon} /
 * {@code clip_threshold} kwargs; {@code rewards_shaper} is a factor on the task rewards; {@code time_limit_bootstrap}
 * bootstraps a truncated episode from the value of its final observation (without it a truncation ends the
 * return, skrl's AMP bootstraps it always through its next_values). The only scheduler is {@code linear}:
 * skrl steps AMP's scheduler without a KL, so its KL-adaptive one would never move.
 *
 * @param ampBatchSize            reference AMP observations added to the motion dataset before each update
 * @param discriminatorBatchSize  agent, replay and reference samples per discriminator loss (all of the mini-batch if 0)
 * @param motionDatasetSize       capacity of the reference AMP observations (skrl's motion_dataset)
 * @param replayBufferSize        capacity of past agent AMP observations (skrl's reply_buffer)
 * @param hiddenSizes             hidden layers of the policy and value MLPs
 * @param discriminatorHiddenSizes hidden layers of the discriminator MLP
 * @param fixedLogStd             the policy's log-std stays at log_std_init (skrl's HumanoidAMP example) instead of being learned
 * @param clipActions             clip actions into the action space before stepping (the log-prob is of the unclipped one)
 * @param evalEpisodes            episodes of the final deterministic evaluation
 * @param envKwargs          options of the env, under its own names ({@code env_kwargs: {ctrl_cost_weight: 0.1}}), as Envs.make takes them
 */
public record AmpConfig(
        long seed,
        long timesteps,
        int numEnvs,
        int rollouts,
        int learningEpochs,
        int miniBatches,
        double discountFactor,
        @Key("lambda") double gaeLambda,
        double learningRate,
        Optional<PpoConfig.LearningRateScheduler> learningRateScheduler,
        Map<String, Double> learningRateSchedulerKwargs,
        Optional<PpoConfig.Preprocessor> statePreprocessor,
        Map<String, Double> statePreprocessorKwargs,
        Optional<PpoConfig.Preprocessor> valuePreprocessor,
        Map<String, Double> valuePreprocessorKwargs,
        Optional<PpoConfig.Preprocessor> ampStatePreprocessor,
        Map<String, Double> ampStatePreprocessorKwargs,
        long randomTimesteps,
        long learningStarts,
        double gradNormClip,
        double ratioClip,
        double valueClip,
        boolean clipPredictedValues,
        double entropyLossScale,
        double valueLossScale,
        double discriminatorLossScale,
        int ampBatchSize,
        double taskRewardWeight,
        double styleRewardWeight,
        int discriminatorBatchSize,
        double discriminatorRewardScale,
        double discriminatorLogitRegularizationScale,
        double discriminatorGradientPenaltyScale,
        double discriminatorWeightDecayScale,
        Optional<Double> rewardsShaper,
        boolean timeLimitBootstrap,
        int motionDatasetSize,
        int replayBufferSize,
        List<Integer> hiddenSizes,
        Activation activation,
        List<Integer> discriminatorHiddenSizes,
        Activation discriminatorActivation,
        double logStdInit,
        boolean fixedLogStd,
        boolean clipActions,
        int evalEpisodes,
        Experiment experiment,
        Map<String, Object> envKwargs) implements TrainConfig {

    /** skrl's AMP_DEFAULT_CONFIG; the memories and models of its HumanoidAMP example. */
    public AmpConfig() {
        this(42, 100_000, 1, 16, 6, 2, 0.99, 0.95, 5e-5, Optional.empty(), Map.of(), Optional.empty(), Map.of(),
                Optional.empty(), Map.of(), Optional.empty(), Map.of(), 0, 0, 0.0, 0.2, 0.2, false, 0.0, 2.5, 5.0, 512,
                0.0, 1.0, 0, 2, 0.05, 5, 1e-4, Optional.empty(), false, 200_000, 1_000_000, List.of(1024, 512),
                Activation.RELU, List.of(1024, 512), Activation.RELU, -2.9, true, true, 10, new Experiment(), Map.of());
    }

    /** Validates the components; a bad value is rejected with a message naming its config key. */
    public AmpConfig {
        positive("timesteps", timesteps);
        positive("num_envs", numEnvs);
        positive("rollouts", rollouts);
        positive("learning_epochs", learningEpochs);
        positive("mini_batches", miniBatches);
        positive("amp_batch_size", ampBatchSize);
        positive("motion_dataset_size", motionDatasetSize);
        positive("replay_buffer_size", replayBufferSize);
        positive("eval_episodes", evalEpisodes);
        if ((long) rollouts * numEnvs < 2L * miniBatches) {
            throw new IllegalArgumentException("mini_batches (" + miniBatches + ") must leave >= 2 samples per mini-batch"
                    + " of rollouts * num_envs (" + (long) rollouts * numEnvs + ") samples");
        }
        if (discriminatorBatchSize < 0) {
            throw new IllegalArgumentException("discriminator_batch_size must be >= 0 (0: the whole mini-batch), got "
                    + discriminatorBatchSize);
        }
        unit("discount_factor", discountFactor);
        unit("lambda", gaeLambda);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning_rate must be > 0, got " + learningRate);
        }
        if (learningRateScheduler.orElse(null) == PpoConfig.LearningRateScheduler.KL_ADAPTIVE) {
            throw new IllegalArgumentException("learning_rate_scheduler must be linear or null, got 'kl_adaptive' (AMP's"
                    + " update measures no KL for it: skrl steps AMP's scheduler without one)");
        }
        // the linear schedule takes none
        learningRateSchedulerKwargs = Kwargs.checked("learning_rate_scheduler_kwargs", learningRateSchedulerKwargs,
                List.of());
        statePreprocessorKwargs = Kwargs.checked("state_preprocessor_kwargs", statePreprocessorKwargs,
                preprocessorKwargs(statePreprocessor));
        valuePreprocessorKwargs = Kwargs.checked("value_preprocessor_kwargs", valuePreprocessorKwargs,
                preprocessorKwargs(valuePreprocessor));
        ampStatePreprocessorKwargs = Kwargs.checked("amp_state_preprocessor_kwargs", ampStatePreprocessorKwargs,
                preprocessorKwargs(ampStatePreprocessor));
        nonNegative("random_timesteps", randomTimesteps);
        nonNegative("learning_starts", learningStarts);
        nonNegative("grad_norm_clip", gradNormClip);
        nonNegative("ratio_clip", ratioClip);
        nonNegative("value_clip", valueClip);
        nonNegative("entropy_loss_scale", entropyLossScale);
        nonNegative("value_loss_scale", valueLossScale);
        nonNegative("discriminator_reward_scale", discriminatorRewardScale);
        finite("task_reward_weight", taskRewardWeight);
        finite("style_reward_weight", styleRewardWeight);
        new DiscriminatorLoss.Scales(discriminatorLogitRegularizationScale, discriminatorGradientPenaltyScale,
                discriminatorWeightDecayScale, discriminatorLossScale);  // checks the four loss scales
        if (rewardsShaper.isPresent() && !Double.isFinite(rewardsShaper.get())) {
            throw new IllegalArgumentException("rewards_shaper must be a finite factor or null, got " + rewardsShaper.get());
        }
        hiddenSizes = List.copyOf(hiddenSizes);
        // checks hidden_sizes and log_std_init
        new ActorCritic.Architecture(hiddenSizes, activation, false, ActorCritic.LogStd.STATE_INDEPENDENT, logStdInit,
                fixedLogStd, false);
        discriminatorHiddenSizes = sizes("discriminator_hidden_sizes", discriminatorHiddenSizes);
        if (experiment.storeSeparately()) {
            throw new IllegalArgumentException("experiment.store_separately = true is not supported: AMP writes one "
                    + "checkpoints/agent_<timestep>.safetensors holding every module");
        }
    }

    /** The discriminator loss's scales from the config's {@code discriminator_*_scale} keys. */
    public DiscriminatorLoss.Scales discriminatorScales() {
        return new DiscriminatorLoss.Scales(discriminatorLogitRegularizationScale, discriminatorGradientPenaltyScale,
                discriminatorWeightDecayScale, discriminatorLossScale);
    }

    /** skrl's separate policy and value MLPs of the HumanoidAMP example: PyTorch's default init, no shared trunk. */
    public ActorCritic.Architecture architecture() {
        return new ActorCritic.Architecture(hiddenSizes, activation, false, ActorCritic.LogStd.STATE_INDEPENDENT,
                logStdInit, fixedLogStd, false);
    }

    private static List<String> preprocessorKwargs(Optional<PpoConfig.Preprocessor> preprocessor) {
        return preprocessor.isPresent() ? RunningStandardScaler.KWARGS : List.of();
    }

    /** Samples per mini-batch. */
    public int miniBatchSize() {
        return rollouts * numEnvs / miniBatches;
    }

    private static List<Integer> sizes(String key, List<Integer> sizes) {
        for (int h : sizes) {
            if (h < 1) {
                throw new IllegalArgumentException(key + " must all be >= 1, got " + sizes);
            }
        }
        return List.copyOf(sizes);
    }

    private static void positive(String key, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + v);
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(key + " must be a finite number >= 0, got " + v);
        }
    }

    private static void finite(String key, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(key + " must be a finite number, got " + v);
        }
    }

    private static void unit(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
        }
    }
}
