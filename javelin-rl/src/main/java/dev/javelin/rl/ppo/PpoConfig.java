package dev.javelin.rl.ppo;

import dev.javelin.nn.Activation;
import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.config.Key;
import dev.javelin.rl.config.Kwargs;
import dev.javelin.rl.config.TrainConfig;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.rl.sde.Sde;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PPO's settings: skrl's {@code PPO_DEFAULT_CONFIG} keys and defaults, plus what RL Zoo's {@code ppo.yml}
 * needs (linear schedules, {@code normalize}, SB3's MLP policy settings), so both sets of published
 * hyperparameters can be written down. Step counts are environment steps summed over the copies.
 *
 * <p>Differences from skrl, by design: schedulers and preprocessors are named ({@code kl_adaptive},
 * {@code linear}; {@code running_standard_scaler}) instead of Python classes; {@code rewards_shaper}
 * is a factor the rewards are multiplied by; {@code time_limit_bootstrap} bootstraps from the value of
 * the episode's final observation (as SB3), not of the observation the action was taken in. Continuous
 * actions are clipped into the action space before stepping (as SB3); the log-prob is of the unclipped one.
 *
 * @param rollouts           vector steps per update (SB3's n_steps); a rollout holds rollouts * num_envs samples
 * @param miniBatches        mini-batches per epoch (SB3's batch_size = rollouts * num_envs / mini_batches)
 * @param optimizerEpsilon   Adam's epsilon: torch's 1e-8 as skrl; SB3's PPO uses 1e-5
 * @param rewardsShaper      multiplies the rewards the agent learns from (logged returns stay unscaled)
 * @param advantageNormalization {@code rollout}: advantages standardized over the whole rollout (skrl);
 *                           {@code mini_batch}: over each mini-batch (SB3's normalize_advantage, which RL Zoo's
 *                           presets are tuned with)
 * @param ratioClipSchedule  {@code linear}: the clip range decays to 0 over the run, as RL Zoo's lin_0.2
 * @param normalize          RL Zoo's VecNormalize: observations standardized by running statistics that absorb each
 *                           observation as the env returns it, the rollout keeping them as standardized when acted on
 *                           (a RunningStandardScaler; with a state_preprocessor set, that one in skrl's way instead),
 *                           and rewards divided by the running std of the discounted return
 * @param hiddenSizes        hidden layers of each MLP (SB3's net_arch)
 * @param orthoInit          SB3's orthogonal init: gain sqrt(2) hidden, 0.01 policy output, 1 value output, zero biases
 * @param sharedModel        one trunk for policy and value (skrl: policy is value) instead of two MLPs
 * @param logStd             Gaussian policies: one learned log-std per action ({@code state_independent}) or a second policy head
 * @param useSde             generalized State-Dependent Exploration (SB3's use_sde): the noise is the actor's last hidden
 *                           features times a random matrix, log_std has shape [latent, actions] (Box actions only)
 * @param sdeSampleFreq      gSDE: a new exploration matrix every that many steps, or -1 only at the start of each rollout
 * @param fullStd            gSDE: one log-std per latent feature and action (true) or per feature (false)
 * @param useExpln           gSDE: std = expln(log_std) instead of exp(log_std)
 * @param evalEpisodes       episodes of the final deterministic evaluation
 * @param envKwargs          options of the env, under its own names ({@code env_kwargs: {ctrl_cost_weight: 0.1}}), as Envs.make takes them
 */
public record PpoConfig(
        long seed,
        long timesteps,
        int numEnvs,
        int rollouts,
        int learningEpochs,
        int miniBatches,
        double discountFactor,
        @Key("lambda") double gaeLambda,
        double learningRate,
        double optimizerEpsilon,
        Optional<LearningRateScheduler> learningRateScheduler,
        Map<String, Double> learningRateSchedulerKwargs,
        Optional<Preprocessor> statePreprocessor,
        Map<String, Double> statePreprocessorKwargs,
        Optional<Preprocessor> valuePreprocessor,
        Map<String, Double> valuePreprocessorKwargs,
        long randomTimesteps,
        long learningStarts,
        double gradNormClip,
        double ratioClip,
        double valueClip,
        boolean clipPredictedValues,
        double entropyLossScale,
        double valueLossScale,
        double klThreshold,
        Optional<Double> rewardsShaper,
        boolean timeLimitBootstrap,
        AdvantageNormalization advantageNormalization,
        Schedule ratioClipSchedule,
        boolean normalize,
        List<Integer> hiddenSizes,
        Activation activation,
        boolean orthoInit,
        boolean sharedModel,
        ActorCritic.LogStd logStd,
        double logStdInit,
        boolean useSde,
        int sdeSampleFreq,
        boolean fullStd,
        boolean useExpln,
        int evalEpisodes,
        Experiment experiment,
        Map<String, Object> envKwargs) implements TrainConfig {

    /** The {@code learning_rate_scheduler} values. */
    public enum LearningRateScheduler {
        /** skrl's KLAdaptiveLR, stepped once per epoch with the epoch's mean approximate KL. */
        KL_ADAPTIVE,
        /** SB3's linear schedule: learning_rate * (1 - progress), set before each update. */
        LINEAR
    }

    /** The {@code *_preprocessor} values. */
    public enum Preprocessor {
        /** skrl's RunningStandardScaler. */
        RUNNING_STANDARD_SCALER
    }

    /** Over which samples the advantages are standardized ({@code advantage_normalization}). */
    public enum AdvantageNormalization {
        /** The whole rollout, once per update (skrl's compute_gae). */
        ROLLOUT,
        /** Each mini-batch as it is drawn (SB3); a mini-batch of one sample is left as it is, as SB3 does. */
        MINI_BATCH
    }

    /** A constant or linearly decaying value ({@code ratio_clip_schedule}). */
    public enum Schedule {
        /** The configured value throughout. */
        CONSTANT,
        /** The configured value times the remaining fraction of the run, down to 0. */
        LINEAR
    }

    static final Set<String> KL_ADAPTIVE_KWARGS = Set.of("kl_threshold", "min_lr", "max_lr", "kl_factor", "lr_factor");

    /** skrl's PPO_DEFAULT_CONFIG and SequentialTrainer timesteps; SB3's MlpPolicy for the model. */
    public PpoConfig() {
        this(42, 100_000, 1, 16, 8, 2, 0.99, 0.95, 1e-3, 1e-8, Optional.empty(), Map.of(), Optional.empty(), Map.of(),
                Optional.empty(), Map.of(), 0, 0, 0.5, 0.2, 0.2, false, 0.0, 1.0, 0, Optional.empty(), false,
                AdvantageNormalization.ROLLOUT, Schedule.CONSTANT, false, List.of(64, 64), Activation.TANH, true, false,
                ActorCritic.LogStd.STATE_INDEPENDENT, 0.0, false, -1, true, false, 10, new Experiment(), Map.of());
    }

    /** Validates the components; a bad value is rejected with a message naming its config key. */
    public PpoConfig {
        positive("timesteps", timesteps);
        positive("num_envs", numEnvs);
        positive("rollouts", rollouts);
        positive("learning_epochs", learningEpochs);
        positive("mini_batches", miniBatches);
        positive("eval_episodes", evalEpisodes);
        if ((long) rollouts * numEnvs < miniBatches) {
            throw new IllegalArgumentException("mini_batches (" + miniBatches + ") must be <= rollouts * num_envs ("
                    + (long) rollouts * numEnvs + "), the samples of one rollout");
        }
        if ((statePreprocessor.isPresent() || normalize || valuePreprocessor.isPresent())
                && (long) rollouts * numEnvs / miniBatches < 2) {
            throw new IllegalArgumentException("a running standard scaler needs mini-batches of >= 2 samples, got "
                    + (long) rollouts * numEnvs / miniBatches + " (rollouts * num_envs / mini_batches)");
        }
        unit("discount_factor", discountFactor);
        unit("lambda", gaeLambda);
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning_rate must be > 0, got " + learningRate);
        }
        if (!(optimizerEpsilon > 0)) {
            throw new IllegalArgumentException("optimizer_epsilon must be > 0, got " + optimizerEpsilon);
        }
        nonNegative("random_timesteps", randomTimesteps);
        nonNegative("learning_starts", learningStarts);
        nonNegative("grad_norm_clip", gradNormClip);
        nonNegative("ratio_clip", ratioClip);
        nonNegative("value_clip", valueClip);
        nonNegative("entropy_loss_scale", entropyLossScale);
        nonNegative("value_loss_scale", valueLossScale);
        nonNegative("kl_threshold", klThreshold);
        if (rewardsShaper.isPresent() && !Double.isFinite(rewardsShaper.get())) {
            throw new IllegalArgumentException("rewards_shaper must be a finite factor or null, got " + rewardsShaper.get());
        }
        learningRateSchedulerKwargs = Kwargs.checked("learning_rate_scheduler_kwargs", learningRateSchedulerKwargs,
                learningRateScheduler.orElse(null) == LearningRateScheduler.KL_ADAPTIVE ? KL_ADAPTIVE_KWARGS : Set.of());
        statePreprocessorKwargs = Kwargs.checked("state_preprocessor_kwargs", statePreprocessorKwargs,
                statePreprocessor.isPresent() || normalize ? RunningStandardScaler.KWARGS : Set.of());
        valuePreprocessorKwargs = Kwargs.checked("value_preprocessor_kwargs", valuePreprocessorKwargs,
                valuePreprocessor.isPresent() ? RunningStandardScaler.KWARGS : Set.of());
        hiddenSizes = List.copyOf(hiddenSizes);
        Sde.check(useSde, sdeSampleFreq, fullStd, useExpln);
        // checks hidden_sizes, shared_model, log_std_init and log_std with use_sde
        new ActorCritic.Architecture(hiddenSizes, activation, sharedModel, logStd, logStdInit, false, orthoInit,
                useSde ? Optional.of(new Sde(fullStd, useExpln)) : Optional.empty());
        if (experiment.storeSeparately()) {
            throw new IllegalArgumentException("experiment.store_separately = true is not supported: PPO writes one "
                    + "checkpoints/agent_<timestep>.safetensors holding every module");
        }
    }

    /** SB3's MlpPolicy as configured; the log-std, when state-independent, is learned. */
    public ActorCritic.Architecture architecture() {
        return new ActorCritic.Architecture(hiddenSizes, activation, sharedModel, logStd, logStdInit, false, orthoInit,
                useSde ? Optional.of(new Sde(fullStd, useExpln)) : Optional.empty());
    }

    /** The state preprocessor in effect: state_preprocessor, or RL Zoo's normalize. */
    public Optional<Preprocessor> effectiveStatePreprocessor() {
        return statePreprocessor.isPresent() ? statePreprocessor
                : normalize ? Optional.of(Preprocessor.RUNNING_STANDARD_SCALER) : Optional.empty();
    }

    /** VecNormalize's clip_obs: with {@code normalize}, standardized observations are clipped to +-10 (skrl's scaler: 5). */
    public static final double VEC_NORMALIZE_CLIP = 10.0;

    /** The state scaler's kwargs in effect: with {@code normalize} alone, clip_threshold defaults to VecNormalize's 10. */
    public Map<String, Double> effectiveStatePreprocessorKwargs() {
        if (!normalize || statePreprocessor.isPresent() || statePreprocessorKwargs.containsKey("clip_threshold")) {
            return statePreprocessorKwargs;
        }
        Map<String, Double> kwargs = new java.util.HashMap<>(statePreprocessorKwargs);
        kwargs.put("clip_threshold", VEC_NORMALIZE_CLIP);
        return Map.copyOf(kwargs);
    }

    private static void positive(String key, long v) {
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + v);
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + v);
        }
    }

    private static void unit(String key, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
        }
    }
}
