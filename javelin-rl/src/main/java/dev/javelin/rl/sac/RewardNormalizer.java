package dev.javelin.rl.sac;

import dev.javelin.env.wrappers.RunningMeanStd;
import dev.javelin.rl.checkpoint.Checkpoint;
import dev.javelin.rl.memory.Transitions;

/**
 * Stable-Baselines3's {@code VecNormalize(norm_reward=True)} as its off-policy algorithms use it: the replay
 * buffer keeps the rewards as collected, and each sampled batch is divided by the current
 * {@code sqrt(var + 1e-8)} of the discounted return {@code G = gamma G + r} and clipped to +-10. Each collector
 * keeps its own G (restarting at 0 with every episode) and feeds it to the one running variance (SB3's
 * RunningMeanStd: Chan's update, prior count 1e-4; {@link RunningMeanStd} here). Thread-safe: collectors observe while the learner scales.
 */
public final class RewardNormalizer {
    /** Statistics of no returns yet (variance 1). */
    public RewardNormalizer() {
    }

    static final double EPSILON = 1e-8;
    static final double CLIP = 10;
    private static final String MEAN = "reward_normalizer.mean";
    private static final String VAR = "reward_normalizer.var";
    private static final String COUNT = "reward_normalizer.count";

    private final RunningMeanStd stats = new RunningMeanStd(1);

    /** Adds one discounted return to the statistics (a batch of one: its own variance is 0). */
    synchronized void observe(double discountedReturn) {
        stats.update(discountedReturn);
    }

    synchronized double variance() {
        return stats.var(0);
    }

    /** The batch with its rewards divided by the return's current std and clipped; the rest shared. */
    public Transitions normalize(Transitions batch) {
        double std = Math.sqrt(variance() + EPSILON);
        float[] r = batch.rewards().clone();
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) Math.min(Math.max(r[i] / std, -CLIP), CLIP);
        }
        return new Transitions(batch.size(), batch.stateDim(), batch.actionDim(), batch.states(), batch.actions(), r,
                batch.nextStates(), batch.dones());
    }

    /** The statistics as checkpoint metadata, in decimal (doubles round-trip exactly, so a resume continues them). */
    public synchronized Checkpoint save(Checkpoint c) {
        return c.meta(MEAN, Double.toString(stats.mean(0))).meta(VAR, Double.toString(stats.var(0)))
                .meta(COUNT, Double.toString(stats.count()));
    }

    /** Restores {@link #save}'s statistics; a checkpoint without them (normalization was off) is an error. */
    public synchronized void load(Checkpoint c) {
        if (!c.metadata().containsKey(COUNT)) {
            throw new IllegalArgumentException("normalize_reward is on but the checkpoint has no " + COUNT
                    + " metadata (it was written with normalize_reward off)");
        }
        stats.restore(new double[] {Double.parseDouble(c.metadata(MEAN))},
                new double[] {Double.parseDouble(c.metadata(VAR))}, Double.parseDouble(c.metadata(COUNT)));
    }
}
