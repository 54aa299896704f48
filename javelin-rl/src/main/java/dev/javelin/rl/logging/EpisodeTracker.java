package dev.javelin.rl.logging;

/**
 * skrl's episode tracking (its base Agent's {@code record_transition}), shared by all agents: returns and
 * lengths accumulate per env; finished episodes enter a window of the last 100; every step records the
 * instantaneous reward and the window's max/min/mean under skrl's tags, so the Logger's write averages them.
 */
public final class EpisodeTracker {
    /** Episodes in the moving averages of returns and lengths. */
    public static final int WINDOW = 100;

    private final Logger logger;
    private final double[] cumulativeRewards;
    private final long[] cumulativeSteps;
    private final double[] returns = new double[WINDOW];
    private final double[] lengths = new double[WINDOW];
    private int count;
    private int next;
    private long finished;

    /** Tracks the episodes of {@code numEnvs} envs and logs skrl's reward and length tags to {@code logger}. */
    public EpisodeTracker(int numEnvs, Logger logger) {
        if (numEnvs < 1) {
            throw new IllegalArgumentException("EpisodeTracker: numEnvs must be >= 1, got " + numEnvs);
        }
        this.logger = logger;
        this.cumulativeRewards = new double[numEnvs];
        this.cumulativeSteps = new long[numEnvs];
    }

    /** One vector step: the env rewards (before any shaping) and which episodes ended. */
    public void step(float[] rewards, boolean[] terminated, boolean[] truncated) {
        int n = cumulativeRewards.length;
        if (rewards.length != n || terminated.length != n || truncated.length != n) {
            throw new IllegalArgumentException("EpisodeTracker: expected " + n + " envs, got rewards " + rewards.length
                    + ", terminated " + terminated.length + ", truncated " + truncated.length);
        }
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            cumulativeRewards[i] += rewards[i];
            cumulativeSteps[i]++;
            max = Math.max(max, rewards[i]);
            min = Math.min(min, rewards[i]);
            sum += rewards[i];
            if (terminated[i] || truncated[i]) {
                returns[next] = cumulativeRewards[i];
                lengths[next] = cumulativeSteps[i];
                next = (next + 1) % WINDOW;
                count = Math.min(count + 1, WINDOW);
                finished++;
                cumulativeRewards[i] = 0;
                cumulativeSteps[i] = 0;
            }
        }
        logger.record("Reward / Instantaneous reward (max)", max);
        logger.record("Reward / Instantaneous reward (min)", min);
        logger.record("Reward / Instantaneous reward (mean)", sum / n);
        if (count > 0) {
            recordWindow("Reward / Total reward", returns);
            recordWindow("Episode / Total timesteps", lengths);
        }
    }

    private void recordWindow(String name, double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, values[i]);
            min = Math.min(min, values[i]);
            sum += values[i];
        }
        logger.record(name + " (max)", max);
        logger.record(name + " (min)", min);
        logger.record(name + " (mean)", sum / count);
    }

    /** Mean return of the last (up to) 100 finished episodes; NaN before the first one ends. */
    public double recentReturn() {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += returns[i];
        }
        return sum / count;
    }

    /** Episodes finished since the tracker was made. */
    public long finishedEpisodes() {
        return finished;
    }
}
