package dev.javelin.rl;

/**
 * What a training run reports: environment steps taken in this invocation (less than the config's
 * timesteps when resumed), seconds spent training (without the final evaluation), and the final
 * deterministic evaluation.
 */
public record TrainResult(long envSteps, double trainSeconds, EvalResult finalEval) {
    /** Rejects negative step counts and times. */
    public TrainResult {
        if (envSteps < 0) {
            throw new IllegalArgumentException("envSteps must be >= 0, got " + envSteps);
        }
        if (!(trainSeconds >= 0)) {
            throw new IllegalArgumentException("trainSeconds must be >= 0, got " + trainSeconds);
        }
    }

    /** Env steps per second of training time (0 for a run of no time). */
    public double envStepsPerSecond() {
        return trainSeconds > 0 ? envSteps / trainSeconds : 0;
    }
}
