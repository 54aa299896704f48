package dev.javelin.rl.td3;

import dev.javelin.rl.preprocess.RunningStandardScaler;
import dev.javelin.rl.sac.HerSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The validation TD3's and DDPG's configs share; each failure names its config key and the value. */
final class OffPolicyChecks {
    static final String LINEAR_SCHEDULER = "linear";
    static final String RUNNING_STANDARD_SCALER = "running_standard_scaler";

    private OffPolicyChecks() {
    }

    static void common(String algorithm, int numEnvs, long timesteps, int gradientSteps, int batchSize, double discountFactor,
            double polyak, double actorLearningRate, double criticLearningRate, Optional<String> learningRateScheduler,
            Map<String, Object> learningRateSchedulerKwargs, Optional<String> statePreprocessor,
            Map<String, Object> statePreprocessorKwargs, long randomTimesteps, long learningStarts, double gradNormClip,
            double rewardsShaperScale, int bufferSize, Optional<String> replayBufferClass,
            Map<String, Object> replayBufferKwargs, int trainFreq, List<Integer> netArch, int workers,
            Optional<String> demonstrations, double demonstrationsRatio, int evalEpisodes) {
        if (numEnvs != 1) {
            throw new IllegalArgumentException("num_envs must be 1 for " + algorithm
                    + " (each of the `workers` collectors steps one env), got " + numEnvs);
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
        choice("learning_rate_scheduler", learningRateScheduler, LINEAR_SCHEDULER);
        choice("state_preprocessor", statePreprocessor, RUNNING_STANDARD_SCALER);
        kwargs("learning_rate_scheduler_kwargs", learningRateSchedulerKwargs, Set.of("end_factor"));
        kwargs("state_preprocessor_kwargs", statePreprocessorKwargs, Set.copyOf(RunningStandardScaler.KWARGS));
        if (randomTimesteps < 0) {
            throw new IllegalArgumentException("random_timesteps must be >= 0, got " + randomTimesteps);
        }
        if (learningStarts < 0) {
            throw new IllegalArgumentException("learning_starts must be >= 0, got " + learningStarts);
        }
        if (!(gradNormClip >= 0)) {
            throw new IllegalArgumentException("grad_norm_clip must be >= 0 (0 disables), got " + gradNormClip);
        }
        if (!Double.isFinite(rewardsShaperScale)) {
            throw new IllegalArgumentException("rewards_shaper_scale must be finite, got " + rewardsShaperScale);
        }
        positive("buffer_size", bufferSize);
        HerSettings.check(replayBufferClass, replayBufferKwargs);
        positive("train_freq", trainFreq);
        if (netArch.isEmpty() || netArch.stream().anyMatch(h -> h < 1)) {
            throw new IllegalArgumentException("net_arch must be a non-empty list of layer sizes >= 1, got " + netArch);
        }
        positive("workers", workers);
        demonstrations.ifPresent(d -> {
            if (d.isBlank()) {
                throw new IllegalArgumentException("demonstrations must be a file path or null, got ''");
            }
        });
        unit("demonstrations_ratio", demonstrationsRatio);
        positive("eval_episodes", evalEpisodes);
    }

    /** TD3's and DDPG's {@code action_l2}: a finite weight >= 0. */
    static void actionL2(double weight) {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("action_l2 must be a number >= 0 (0 turns it off), got " + weight);
        }
    }

    private static void choice(String key, Optional<String> value, String only) {
        value.ifPresent(s -> {
            if (!s.equals(only)) {
                throw new IllegalArgumentException(key + " must be null or '" + only + "', got '" + s + "'");
            }
        });
    }

    private static void kwargs(String key, Map<String, Object> kwargs, Set<String> allowed) {
        kwargs.forEach((k, v) -> {
            if (!allowed.contains(k)) {
                throw new IllegalArgumentException(key + ": unknown key '" + k + "'; allowed: " + new TreeSet<>(allowed));
            }
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
                throw new IllegalArgumentException(key + "." + k + " must be a number >= 0, got " + v);
            }
        });
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
}
