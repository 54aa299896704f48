package dev.javelin.optim;

import java.util.OptionalDouble;

/**
 * skrl's KLAdaptiveLR (from rl_games): after an update with mean KL kl,
 * lr = max(lr / lrFactor, minLr) if kl &gt; klThreshold * klFactor, lr = min(lr * lrFactor, maxLr) if
 * kl &lt; klThreshold / klFactor, else unchanged; without a KL it is unchanged. Its only state is the lr.
 */
public record KLAdaptiveLr(double klThreshold, double minLr, double maxLr, double klFactor, double lrFactor) implements LrScheduler {
    public static final double DEFAULT_KL_THRESHOLD = 0.008, DEFAULT_MIN_LR = 1e-6, DEFAULT_MAX_LR = 1e-2,
            DEFAULT_KL_FACTOR = 2, DEFAULT_LR_FACTOR = 1.5;

    /** Rejects a negative threshold, a min_lr outside [0, max_lr] and factors that are not positive. */
    public KLAdaptiveLr {
        if (!(klThreshold >= 0)) throw new IllegalArgumentException("KLAdaptiveLr: kl_threshold " + klThreshold + " must be >= 0");
        if (!(minLr >= 0 && minLr <= maxLr)) {
            throw new IllegalArgumentException("KLAdaptiveLr: min_lr " + minLr + " and max_lr " + maxLr + " must satisfy 0 <= min_lr <= max_lr");
        }
        if (!(klFactor > 0)) throw new IllegalArgumentException("KLAdaptiveLr: kl_factor " + klFactor + " must be > 0");
        if (!(lrFactor > 0)) throw new IllegalArgumentException("KLAdaptiveLr: lr_factor " + lrFactor + " must be > 0");
    }

    /** skrl's defaults. */
    public KLAdaptiveLr() {
        this(DEFAULT_KL_THRESHOLD, DEFAULT_MIN_LR, DEFAULT_MAX_LR, DEFAULT_KL_FACTOR, DEFAULT_LR_FACTOR);
    }

    /** skrl's defaults with the given threshold. */
    public KLAdaptiveLr(double klThreshold) {
        this(klThreshold, DEFAULT_MIN_LR, DEFAULT_MAX_LR, DEFAULT_KL_FACTOR, DEFAULT_LR_FACTOR);
    }

    @Override
    public double step(double currentLr, OptionalDouble kl) {
        if (kl.isEmpty()) return currentLr;
        double k = kl.getAsDouble();
        if (k > klThreshold * klFactor) return Math.max(currentLr / lrFactor, minLr);
        if (k < klThreshold / klFactor) return Math.min(currentLr * lrFactor, maxLr);
        return currentLr;
    }
}
