package dev.javelin.rl.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.List;

/**
 * {@code summary.json} of a finished run: what ran, how fast, and the final deterministic evaluation.
 * A resumed run is described whole: {@code timesteps} is the step it ended at, {@code wall_seconds} the
 * training time of all its {@code segments} (final evaluation excluded), and the speed counts the
 * environment steps (over all vectorized copies) of all segments per second of that time.
 * {@code final_eval_success_rate} appears for goal envs (those whose info reports {@code is_success}),
 * {@code final_eval_length_mean} (env steps per evaluation episode) when the evaluation counted them.
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
        // a summary.json written before segments were kept reads as none
        @JsonSetter(nulls = Nulls.AS_EMPTY) List<Segment> segments,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double finalEvalSuccessRate,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double finalEvalLengthMean) {

    /** A run on an env that reports no success (no {@code final_eval_success_rate}), lengths not counted. */
    public Summary(String algo, String env, long seed, long timesteps, int numEnvs, int threads, double wallSeconds,
                   double envStepsPerSecond, double finalEvalReturnMean, double finalEvalReturnStd, int evalEpisodes,
                   List<Segment> segments) {
        this(algo, env, seed, timesteps, numEnvs, threads, wallSeconds, envStepsPerSecond, finalEvalReturnMean,
                finalEvalReturnStd, evalEpisodes, segments, null, null);
    }

    /** Rejects negative or NaN times and counts. */
    public Summary {
        if (wallSeconds < 0 || Double.isNaN(wallSeconds)) {
            throw new IllegalArgumentException("summary: wall_seconds must be >= 0, got " + wallSeconds);
        }
        if (evalEpisodes < 0) {
            throw new IllegalArgumentException("summary: eval_episodes must be >= 0, got " + evalEpisodes);
        }
        segments = List.copyOf(segments);
    }
}
