package dev.javelin.rl.sac;

import dev.javelin.nn.Activation;
import dev.javelin.rl.config.Experiment;
import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.rl.sde.Sde;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SAC's settings: skrl's {@code SAC_DEFAULT_CONFIG} keys and defaults first, then Stable-Baselines3 /
 * RL Zoo's ({@code buffer_size}, {@code train_freq}, {@code target_update_interval}, {@code net_arch},
 * the actor's log-std clip), then Javelin's (parallel {@code workers}, {@code save_replay},
 * {@code demonstrations}). RL Zoo's {@code ent_coef: auto} is {@code learn_entropy: true} with
 * {@code initial_entropy_value: 1.0}; a number {@code x} is {@code learn_entropy: false, initial_entropy_value: x}.
 *
 * @param learningRateScheduler     empty or {@code linear} (SB3's {@code lin_<lr>}: lr times the fraction of updates left;
 *                                  kwargs {@code end_factor}, default 0)
 * @param statePreprocessor         empty or {@code running_standard_scaler} (kwargs {@code epsilon} 1e-8, {@code clip_threshold} 5)
 * @param randomTimesteps           steps acting uniformly at random before the policy acts
 * @param learningStarts            env steps before the first gradient step
 * @param targetEntropy             empty means -|A| (SB3's and skrl's "auto")
 * @param rewardsShaperScale        rewards are multiplied by this before they are stored (skrl's usual
 *                                  {@code rewards_shaper = lambda r, t, T: r * scale})
 * @param normalizeReward           SB3's VecNormalize norm_reward for off-policy learning: every sampled batch's
 *                                  rewards divided by the running std of the discounted return (gamma =
 *                                  discount_factor) of the stored rewards, clipped to +-10 ({@link RewardNormalizer})
 * @param replayBufferClass         empty, or {@code HerReplayBuffer} for hindsight experience replay on a goal env
 *                                  (SB3's names; kwargs {@code n_sampled_goal} 4, {@code goal_selection_strategy} future)
 * @param trainFreq                 env steps (per worker in sequence, summed over workers in parallel) between updates
 * @param gradientSteps             gradient steps per update
 * @param workers                   collector threads, each with its own env; 1 runs collector and learner in
 *                                  one thread, deterministically
 * @param saveReplay                write the replay buffer next to each checkpoint so a resumed run continues with it
 * @param demonstrations            a .safetensors or .csv file of transitions to mix into every batch
 * @param demonstrationsRatio       fraction of each batch drawn from the demonstrations
 * @param bcLossWeight              lambda of the actor's behaviour-cloning loss on the demonstration rows (Nair et al. 2018);
 *                                  0 turns it off
 * @param qFilter                   clone a demonstrated action only where Q(s, a) > Q(s, pi(s)) (the paper's Q-filter)
 * @param useSde                    generalized State-Dependent Exploration (SB3's use_sde): the noise is latent_pi times
 *                                  an exploration matrix, log_std a parameter [latent, actions] starting at log_std_init
 * @param sdeSampleFreq             gSDE: a new matrix every that many env steps, or -1 only at the start of each
 *                                  collection of train_freq steps (as SB3's collect_rollouts)
 * @param useSdeAtWarmup            gSDE: act with the policy during random_timesteps instead of uniformly
 * @param logStdInit                gSDE: the initial log_std (SB3's SAC: -3)
 * @param fullStd                   gSDE: one log-std per latent feature and action (true) or per feature
 * @param useExpln                  gSDE: std = expln(log_std) instead of exp(log_std)
 * @param clipMean                  gSDE: the mean is clipped to [-clip_mean, clip_mean] before the tanh (SB3: 2; 0: none)
 * @param evalEpisodes              episodes of the final deterministic evaluation
 * @param envKwargs          options of the env, under its own names ({@code env_kwargs: {ctrl_cost_weight: 0.1}}), as Envs.make takes them
 */
public record SacConfig(
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
        boolean learnEntropy,
        double entropyLearningRate,
        double initialEntropyValue,
        Optional<Double> targetEntropy,
        double rewardsShaperScale,
        boolean normalizeReward,
        int bufferSize,
        Optional<String> replayBufferClass,
        Map<String, Object> replayBufferKwargs,
        int trainFreq,
        int targetUpdateInterval,
        List<Integer> netArch,
        Activation activation,
        double logStdMin,
        double logStdMax,
        boolean useSde,
        int sdeSampleFreq,
        boolean useSdeAtWarmup,
        double logStdInit,
        boolean fullStd,
        boolean useExpln,
        double clipMean,
        int workers,
        boolean saveReplay,
        Optional<String> demonstrations,
        double demonstrationsRatio,
        double bcLossWeight,
        boolean qFilter,
        int evalEpisodes,
        Experiment experiment,
        Map<String, Object> envKwargs) implements OffPolicyConfig {

    public static final String LINEAR_SCHEDULER = "linear";
    public static final String RUNNING_STANDARD_SCALER = "running_standard_scaler";

    /** skrl's defaults (with its trainer's 100k timesteps) and SB3's for the keys skrl does not have. */
    public SacConfig() {
        this(42, 100_000, 1, 1, 64, 0.99, 0.005, 1e-3, 1e-3, Optional.empty(), Map.of(), Optional.empty(), Map.of(),
                0, 0, 0, true, 1e-3, 0.2, Optional.empty(), 1.0, false, 1_000_000, Optional.empty(), Map.of(), 1, 1, List.of(256, 256), Activation.RELU,
                -20, 2, false, -1, false, -3, true, false, 2.0, 1, false, Optional.empty(), 0.25, 0, true, 10, new Experiment(), Map.of());
    }

    /** Validates the components; a bad value is rejected with a message naming its config key. */
    public SacConfig {
        positive("num_envs", numEnvs);
        if (numEnvs != 1) {
            throw new IllegalArgumentException("num_envs must be 1 for SAC (each of the `workers` collectors steps one env), got "
                    + numEnvs);
        }
        if (timesteps < 0) {
            throw new IllegalArgumentException("timesteps must be >= 0, got " + timesteps);
        }
        positive("gradient_steps", gradientSteps);
        positive("batch_size", batchSize);
        unit("discount_factor", discountFactor);
        if (!(polyak > 0 && polyak <= 1)) {
            throw new IllegalArgumentException("polyak must be in (0, 1], got " + polyak);
        }
        positiveReal("actor_learning_rate", actorLearningRate);
        positiveReal("critic_learning_rate", criticLearningRate);
        positiveReal("entropy_learning_rate", entropyLearningRate);
        positiveReal("initial_entropy_value", initialEntropyValue);
        learningRateScheduler.ifPresent(s -> {
            if (!s.equals(LINEAR_SCHEDULER)) {
                throw new IllegalArgumentException("learning_rate_scheduler must be null or '" + LINEAR_SCHEDULER
                        + "', got '" + s + "'");
            }
        });
        statePreprocessor.ifPresent(s -> {
            if (!s.equals(RUNNING_STANDARD_SCALER)) {
                throw new IllegalArgumentException("state_preprocessor must be null or '" + RUNNING_STANDARD_SCALER
                        + "', got '" + s + "'");
            }
        });
        if (randomTimesteps < 0 || learningStarts < 0) {
            throw new IllegalArgumentException("random_timesteps and learning_starts must be >= 0, got "
                    + randomTimesteps + " and " + learningStarts);
        }
        if (!(gradNormClip >= 0)) {
            throw new IllegalArgumentException("grad_norm_clip must be >= 0 (0 disables), got " + gradNormClip);
        }
        targetEntropy.ifPresent(t -> {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("target_entropy must be a finite number or null, got " + t);
            }
        });
        if (!Double.isFinite(rewardsShaperScale)) {
            throw new IllegalArgumentException("rewards_shaper_scale must be finite, got " + rewardsShaperScale);
        }
        positive("buffer_size", bufferSize);
        HerSettings.check(replayBufferClass, replayBufferKwargs);
        positive("train_freq", trainFreq);
        positive("target_update_interval", targetUpdateInterval);
        if (netArch.isEmpty() || netArch.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("net_arch must be a non-empty list of layer sizes >= 1, got " + netArch);
        }
        if (!(logStdMin < logStdMax)) {
            throw new IllegalArgumentException("log_std_min must be < log_std_max, got " + logStdMin + " and " + logStdMax);
        }
        Sde.check(useSde, sdeSampleFreq, fullStd, useExpln);
        if (useSdeAtWarmup && !useSde) {
            throw new IllegalArgumentException("use_sde_at_warmup only applies with use_sde: true");
        }
        if (!Double.isFinite(logStdInit)) {
            throw new IllegalArgumentException("log_std_init must be finite, got " + logStdInit);
        }
        if (!(clipMean >= 0) || Double.isInfinite(clipMean)) {
            throw new IllegalArgumentException("clip_mean must be a number >= 0 (0: no clip), got " + clipMean);
        }
        positive("workers", workers);
        demonstrations.ifPresent(d -> {
            if (d.isBlank()) {
                throw new IllegalArgumentException("demonstrations must be a file path or null, got ''");
            }
        });
        unit("demonstrations_ratio", demonstrationsRatio);
        if (!(bcLossWeight >= 0) || Double.isInfinite(bcLossWeight)) {
            throw new IllegalArgumentException("bc_loss_weight must be a number >= 0 (0 turns it off), got " + bcLossWeight);
        }
        kwargs("learning_rate_scheduler_kwargs", learningRateSchedulerKwargs, java.util.Set.of("end_factor"));
        kwargs("state_preprocessor_kwargs", statePreprocessorKwargs, java.util.Set.copyOf(RunningStandardScaler.KWARGS));
        positive("eval_episodes", evalEpisodes);
        netArch = List.copyOf(netArch);
    }

    private static void kwargs(String key, Map<String, Object> kwargs, java.util.Set<String> allowed) {
        kwargs.forEach((k, v) -> {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(key + ": unknown key '" + k + "'; allowed: " + new java.util.TreeSet<>(allowed));
            }
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
                throw new IllegalArgumentException(key + "." + k + " must be a number >= 0, got " + v);
            }
        });
    }

    private static double number(Map<String, Object> kwargs, String key, double otherwise) {
        Object v = kwargs.get(key);
        return v == null ? otherwise : ((Number) v).doubleValue();
    }

    /** LinearLr's end factor (0: SB3's lin_ schedule, to zero at the last update). */
    public double linearEndFactor() {
        return number(learningRateSchedulerKwargs, "end_factor", 0);
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(key + " must be >= 1, got " + value);
        }
    }

    private static void positiveReal(String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(key + " must be a positive number, got " + value);
        }
    }

    private static void unit(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + value);
        }
    }

    /** gSDE's settings, when use_sde. */
    public Optional<Sde> sde() {
        return useSde ? Optional.of(new Sde(fullStd, useExpln)) : Optional.empty();
    }

    /** Whether env step {@code t} (from 1) acts uniformly at random: within random_timesteps, unless use_sde_at_warmup. */
    @Override
    public boolean randomAt(long t) {
        return t <= randomTimesteps && !useSdeAtWarmup;
    }

    /** -|A| unless set. */
    public double targetEntropyFor(int actionDim) {
        return targetEntropy.orElse(-(double) actionDim);
    }
}
