package dev.javelin.optim;

import java.util.OptionalDouble;

/**
 * A learning rate falling linearly from initialLr to initialLr * endFactor over totalUpdates calls of
 * step, then staying there, as torch.optim.lr_scheduler.LinearLR(start_factor=1, end_factor, total_iters)
 * stepped after each update: after k steps, lr = initialLr * (1 - (1 - endFactor) min(k, totalUpdates) / totalUpdates).
 * With endFactor 0 this is SB3's linear_schedule, initialLr * progress_remaining, with progress counted in
 * updates (SB3 counts env steps and evaluates it before each update, so its first update already uses a
 * slightly lower rate).
 */
public final class LinearLr implements LrScheduler {
    private final double initialLr;
    private final double endFactor;
    private final long totalUpdates;
    private long updates;

    /** From {@code initialLr} down to {@code endFactor} times it, linearly over {@code totalUpdates} updates. */
    public LinearLr(double initialLr, double endFactor, long totalUpdates) {
        if (!(initialLr >= 0) || Double.isInfinite(initialLr)) throw new IllegalArgumentException("LinearLr: initial lr " + initialLr + " must be finite and >= 0");
        if (!(endFactor >= 0)) throw new IllegalArgumentException("LinearLr: end factor " + endFactor + " must be >= 0");
        if (totalUpdates < 1) throw new IllegalArgumentException("LinearLr: total updates " + totalUpdates + " must be >= 1");
        this.initialLr = initialLr;
        this.endFactor = endFactor;
        this.totalUpdates = totalUpdates;
    }

    /** Ignores the current lr and the KL: the rate depends only on how many updates have been done. */
    @Override
    public double step(double currentLr, OptionalDouble kl) {
        updates++;
        return learningRate();
    }

    /** The rate after the updates counted so far. */
    public double learningRate() {
        double done = (double) Math.min(updates, totalUpdates) / totalUpdates;
        return initialLr * (1 - (1 - endFactor) * done);
    }

    /** Updates counted so far: what a checkpoint stores to resume the schedule. */
    public long updates() {
        return updates;
    }

    /** Resumes the schedule after {@code updates} updates. */
    public void setUpdates(long updates) {
        if (updates < 0) throw new IllegalArgumentException("LinearLr: updates " + updates + " must be >= 0");
        this.updates = updates;
    }
}
