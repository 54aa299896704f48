package dev.javelin.rl.logging;

/**
 * The success rate of a goal env's last 100 training episodes (the episode's last {@code info["is_success"]}, as
 * SB3 logs {@code rollout/success_rate}), recorded under {@link #TAG} at each episode end.
 */
public final class SuccessTracker {
    public static final String TAG = "Episode / Success rate (mean)";

    private final Logger logger;
    private final double[] window = new double[EpisodeTracker.WINDOW];
    private int count;
    private int next;

    public SuccessTracker(Logger logger) {
        this.logger = logger;
    }

    /** An episode ended with this {@code is_success}; the caller holds the logger's monitor if it is shared. */
    public void episodeEnd(double success) {
        if (!(success == 0.0 || success == 1.0)) {
            throw new IllegalArgumentException("SuccessTracker: is_success = " + success + ", expected 0 or 1");
        }
        window[next] = success;
        next = (next + 1) % window.length;
        count = Math.min(count + 1, window.length);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += window[i];
        }
        logger.record(TAG, sum / count);
    }
}
