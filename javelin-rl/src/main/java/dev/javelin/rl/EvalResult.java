package dev.javelin.rl;

import java.util.Arrays;

/**
 * The undiscounted returns of evaluation episodes and, for envs that report {@code info["is_success"]} (goal envs),
 * whether each episode ended in success (1) or not (0); {@code successes} is empty otherwise.
 */
public record EvalResult(double[] returns, double[] successes) {
    public EvalResult {
        if (returns.length == 0) {
            throw new IllegalArgumentException("an evaluation needs at least one episode, got 0 returns");
        }
        if (successes.length != 0 && successes.length != returns.length) {
            throw new IllegalArgumentException("EvalResult: " + successes.length + " successes for " + returns.length
                    + " episodes, expected one per episode or none");
        }
        returns = returns.clone();
        successes = successes.clone();
    }

    /** Returns of an env that reports no success. */
    public EvalResult(double[] returns) {
        this(returns, new double[0]);
    }

    /** The fraction of episodes that ended in success, when the env reports it. */
    public java.util.OptionalDouble successRate() {
        return successes.length == 0 ? java.util.OptionalDouble.empty() : Arrays.stream(successes).average();
    }

    /** The number of episodes. */
    public int episodes() {
        return returns.length;
    }

    /** The mean return. */
    public double mean() {
        return Arrays.stream(returns).average().orElseThrow();
    }

    /** Population standard deviation, as numpy's {@code np.std} that RL Zoo and SB3 report. */
    public double std() {
        double m = mean();
        return Math.sqrt(Arrays.stream(returns).map(r -> (r - m) * (r - m)).sum() / returns.length);
    }
}
