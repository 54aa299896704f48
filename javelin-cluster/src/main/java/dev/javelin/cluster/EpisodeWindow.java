package dev.javelin.cluster;

import dev.javelin.rl.logging.EpisodeTracker;
import dev.javelin.rl.logging.Logger;

/**
 * The learner's view of the episodes its workers finished: the last {@link EpisodeTracker#WINDOW} returns and
 * lengths, recorded under the tags {@code javelin train} uses, so curves of both compare in one TensorBoard.
 */
final class EpisodeWindow {
    private final double[] returns = new double[EpisodeTracker.WINDOW];
    private final double[] lengths = new double[EpisodeTracker.WINDOW];
    private final Logger logger;
    private int next;
    private int count;

    EpisodeWindow(Logger logger) {
        this.logger = logger;
    }

    synchronized void add(float[] episodeReturns, int[] episodeLengths) {
        for (int i = 0; i < episodeReturns.length; i++) {
            returns[next] = episodeReturns[i];
            lengths[next] = episodeLengths[i];
            next = (next + 1) % returns.length;
            count = Math.min(count + 1, returns.length);
        }
        if (episodeReturns.length > 0) {
            synchronized (logger) {
                record("Reward / Total reward", returns);
                record("Episode / Total timesteps", lengths);
            }
        }
    }

    /** Mean return of the window; NaN before an episode ended. */
    synchronized double recentReturn() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += returns[i];
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    private void record(String name, double[] values) {
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
}
