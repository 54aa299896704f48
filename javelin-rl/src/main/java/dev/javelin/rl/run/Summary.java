package dev.javelin.rl.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code summary.json} of a finished run: what ran, how fast, and the final deterministic evaluation.
 * {@code final_eval_success_rate} appears for goal envs (those whose info reports {@code is_success}).
 * Speed counts environment steps (over all vectorized copies) per second of wall time.
 */
public record Summary(
        String algo,
        String env,
        long seed,
        long timesteps,
        int numEnvs,
        int threads,
        double wallSeconds,
        double envStepsPerSecond,
        double finalEvalReturnMean,
        double finalEvalReturnStd,
        int evalEpisodes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double finalEvalSuccessRate) {

    /** A run on an env that reports no success (no {@code final_eval_success_rate}). */
    public Summary(String algo, String env, long seed, long timesteps, int numEnvs, int threads, double wallSeconds,
                   double envStepsPerSecond, double finalEvalReturnMean, double finalEvalReturnStd, int evalEpisodes) {
        this(algo, env, seed, timesteps, numEnvs, threads, wallSeconds, envStepsPerSecond, finalEvalReturnMean,
                finalEvalReturnStd, evalEpisodes, null);
    }

    /** Rejects negative or NaN times and counts. */
    public Summary {
        if (wallSeconds < 0 || Double.isNaN(wallSeconds)) {
            throw new IllegalArgumentException("summary: wall_seconds must be >= 0, got " + wallSeconds);
        }
        if (evalEpisodes < 0) {
            throw new IllegalArgumentException("summary: eval_episodes must be >= 0, got " + evalEpisodes);
        }
    }
}
