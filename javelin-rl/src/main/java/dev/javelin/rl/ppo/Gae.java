package dev.javelin.rl.ppo;

import dev.javelin.rl.memory.RolloutMemory;
import dev.javelin.rl.preprocess.Preprocessor;

/**
 * Generalized Advantage Estimation (Schulman et al. 2016), computed backwards over a rollout of
 * {@code T} vector steps of {@code N} envs, arrays laid out {@code [t * N + i]}:
 * <pre>
 *   delta_t = r_t + gamma * (1 - done_t) * V(s_{t+1}) - V(s_t)
 *   A_t     = delta_t + gamma * lambda * (1 - done_t) * A_{t+1}
 *   R_t     = A_t + V(s_t)                      (the value targets)
 * </pre>
 * {@code done_t} ends the episode at step t (terminated or truncated: after an auto-reset s_{t+1} belongs
 * to the next episode). A truncated episode is bootstrapped by adding {@code gamma * V(final observation)}
 * to its last reward before calling this (time_limit_bootstrap). {@code V(s_T)} is {@code lastValues}.
 */
public final class Gae {
    private Gae() {
    }

    /** Advantages and returns of one rollout, same layout as the inputs. */
    public record Result(float[] advantages, float[] returns) {
    }

    /**
     * GAE over a rollout of [steps, numEnvs] rewards, values and done flags, bootstrapped from {@code lastValues}:
     * returns and advantages.
     */
    public static Result compute(float[] rewards, float[] values, float[] dones, float[] lastValues, int numEnvs,
            double discountFactor, double lambda) {
        int n = rewards.length;
        if (numEnvs < 1 || n % numEnvs != 0 || values.length != n || dones.length != n || lastValues.length != numEnvs) {
            throw new IllegalArgumentException("Gae: expected rewards, values and dones of T * " + numEnvs
                    + " and last values of " + numEnvs + ", got " + n + ", " + values.length + ", " + dones.length
                    + " and " + lastValues.length);
        }
        float gamma = (float) discountFactor;
        float lam = (float) lambda;
        float[] advantages = new float[n];
        float[] returns = new float[n];
        for (int i = 0; i < numEnvs; i++) {
            float advantage = 0;
            float nextValue = lastValues[i];
            for (int t = n / numEnvs - 1; t >= 0; t--) {
                int k = t * numEnvs + i;
                float notDone = 1f - dones[k];
                advantage = rewards[k] - values[k] + gamma * notDone * (nextValue + lam * advantage);
                advantages[k] = advantage;
                returns[k] = advantage + values[k];
                nextValue = values[k];
            }
        }
        return new Result(advantages, returns);
    }

    /**
     * The start of a PPO update (skrl's {@code _update}): GAE of {@code rewards} over the memory's "values", with
     * "terminated" or "truncated" ending an episode; then "values" and "returns" set through the value
     * preprocessor, which learns from them first, and "advantages" set normalized.
     */
    public static void setTargets(RolloutMemory memory, float[] rewards, float[] lastValues, double discountFactor,
            double lambda, Preprocessor valuePreprocessor) {
        float[] values = memory.data("values");
        float[] dones = memory.data("terminated").clone();
        float[] truncated = memory.data("truncated");
        for (int k = 0; k < dones.length; k++) {
            dones[k] = Math.max(dones[k], truncated[k]);
        }
        Result gae = compute(rewards, values, dones, lastValues, memory.numEnvs(), discountFactor, lambda);
        float[] advantages = gae.advantages();
        normalize(advantages);
        memory.set("values", valuePreprocessor.apply(values, true));
        memory.set("returns", valuePreprocessor.apply(gae.returns(), true));
        memory.set("advantages", advantages);
    }

    /** {@code (A - mean) / (std + 1e-8)} in place, with torch's unbiased std (SB3 and skrl). */
    public static void normalize(float[] advantages) {
        int n = advantages.length;
        if (n < 2) {
            throw new IllegalArgumentException("Gae.normalize: needs >= 2 advantages, got " + n);
        }
        double mean = 0;
        for (float a : advantages) {
            mean += a;
        }
        mean /= n;
        double m2 = 0;
        for (float a : advantages) {
            m2 += (a - mean) * (a - mean);
        }
        double std = Math.sqrt(m2 / (n - 1));
        for (int k = 0; k < n; k++) {
            advantages[k] = (float) ((advantages[k] - mean) / (std + 1e-8));
        }
    }
}
