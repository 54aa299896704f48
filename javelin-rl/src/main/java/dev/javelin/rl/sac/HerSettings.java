package dev.javelin.rl.sac;

import dev.javelin.env.Env;
import dev.javelin.env.Envs;
import dev.javelin.env.GoalEnv;
import dev.javelin.env.wrappers.FlattenDictObservation;
import dev.javelin.rl.memory.GoalSelectionStrategy;
import dev.javelin.rl.memory.HerReplayBuffer;
import dev.javelin.rl.memory.ReplayBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The off-policy learners' {@code replay_buffer_class: HerReplayBuffer} with {@code replay_buffer_kwargs} as SB3 names them
 * ({@code n_sampled_goal}, {@code goal_selection_strategy}), and the buffer it builds for a goal env.
 */
public final class HerSettings {
    static final String HER = "HerReplayBuffer";
    private static final Set<String> KWARGS = Set.of("n_sampled_goal", "goal_selection_strategy");

    private HerSettings() {
    }

    /** Validates {@code replay_buffer_class} and {@code replay_buffer_kwargs}, naming the key of a bad value. */
    public static void check(Optional<String> replayBufferClass, Map<String, Object> kwargs) {
        replayBufferClass.ifPresent(c -> {
            if (!c.equals(HER)) {
                throw new IllegalArgumentException("replay_buffer_class must be null or '" + HER + "', got '" + c + "'");
            }
        });
        if (replayBufferClass.isEmpty() && !kwargs.isEmpty()) {
            throw new IllegalArgumentException("replay_buffer_kwargs " + kwargs + " given without replay_buffer_class");
        }
        kwargs.keySet().forEach(k -> {
            if (!KWARGS.contains(k)) {
                throw new IllegalArgumentException("replay_buffer_kwargs: unknown key '" + k + "'; allowed: " + new TreeSet<>(KWARGS));
            }
        });
        nSampledGoal(kwargs);
        strategy(kwargs);
    }

    private static int nSampledGoal(Map<String, Object> kwargs) {
        Object v = kwargs.getOrDefault("n_sampled_goal", 4);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0) {
            throw new IllegalArgumentException("replay_buffer_kwargs.n_sampled_goal must be an integer >= 0, got " + v);
        }
        return n.intValue();
    }

    private static GoalSelectionStrategy strategy(Map<String, Object> kwargs) {
        return GoalSelectionStrategy.parse(String.valueOf(kwargs.getOrDefault("goal_selection_strategy", "future")));
    }

    /** The run's replay memory: plain, or HER on the env's flattened goals and its compute_reward. */
    @SuppressWarnings("unchecked")
    static ReplayBuffer buffer(OffPolicyConfig c, String envId, int stateDim, int actionDim) {
        if (c.replayBufferClass().isEmpty()) {
            return new ReplayBuffer(c.bufferSize(), stateDim, actionDim);
        }
        // compute_reward depends only on the goals and the task's constants, so it outlives the env that gave it
        try (Env<?, ?> env = Envs.make(envId, c.envKwargs())) {
            if (!(env.unwrapped() instanceof GoalEnv goal)) {
                throw new IllegalArgumentException("replay_buffer_class " + HER + " needs a goal env (Dict observations with "
                        + "achieved_goal and desired_goal, and compute_reward); " + envId + " is not one");
            }
            var flat = new FlattenDictObservation<>((Env<Map<String, Object>, Object>) env);
            return new HerReplayBuffer(c.bufferSize(), stateDim, actionDim, flat.offset(GoalEnv.ACHIEVED_GOAL),
                    flat.offset(GoalEnv.DESIRED_GOAL), goal.goalDim(), goal::computeReward, (float) c.rewardsShaperScale(),
                    nSampledGoal(c.replayBufferKwargs()), strategy(c.replayBufferKwargs()));
        }
    }
}
