package dev.javelin.rl;

import java.util.Arrays;

/**
 * The undiscounted returns of evaluation episodes; for envs that report {@code info["is_success"]} (goal envs),
 * whether each episode ended in success (1) or not (0), {@code successes} being empty otherwise; and each episode's
 * length in env steps (as SB3's {@code evaluate_policy} returns them), empty when the evaluator did not count them.
 */
public record EvalResult(double[] returns, double[] successes, int[] lengths) {
    public EvalResult {
        if (returns.length == 0) {
            throw new IllegalArgumentException("an evaluation needs at least one episode, got 0 returns");
        }
        if (successes.length != 0 && successes.length != returns.length) {
            throw new IllegalArgumentException("EvalResult: " + successes.length + " successes for " + returns.length
                    + " episodes, expected one per episode or none");
        }
        if (lengths.length != 0 && lengths.length != returns.length) {
            throw new IllegalArgumentException("EvalResult: " + lengths.length + " lengths for " + returns.length
                    + " episodes, expected one per episode or none");
        }
        returns = returns.clone();
        successes = successes.clone();
        lengths = lengths.clone();
    }

    /** Returns of an env that reports no success, lengths not counted. */
    public EvalResult(double[] returns) {
        this(returns, new double[0], new int[0]);
    }

    /** The mean episode length in env steps, when counted. */
    public java.util.OptionalDouble meanLength() {
        return Arrays.stream(lengths).average();
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
