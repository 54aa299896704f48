package dev.javelin.rl;

import java.util.Arrays;

/** The undiscounted returns of evaluation episodes. */
public record EvalResult(double[] returns) {
    /** Rejects an evaluation without episodes; copies the returns. */
    public EvalResult {
        if (returns.length == 0) {
            throw new IllegalArgumentException("an evaluation needs at least one episode, got 0 returns");
        }
        returns = returns.clone();
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
