package dev.javelin.dist;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * A categorical over the last axis whose samples are one-hot vectors [..., K], with DreamerV3's two additions
 * (Hafner et al. 2023, section "Robust predictors" and the RSSM): unimix, probs = (1 - unimix) softmax(logits) + unimix / K,
 * which keeps every class above unimix / K so the KL terms stay bounded; and straight-through gradients,
 * rsample = sample + probs - stop_gradient(probs) (Bengio et al. 2013), the value of a hard sample with the gradient
 * of its probabilities. Follows DreamerV3's outs.OneHot: logits() are log(probs) of the mixed probabilities, and
 * log-probabilities, entropy and KL use them.
 */
public final class OneHotCategorical {
    private final Tensor logits;
    private final Tensor probs;
    private final int classes;
    private final double unimix;

    /**
     * One-hot samples over the last axis of {@code logits}, with probabilities mixed with {@code unimix} of the
     * uniform distribution (DreamerV3: 0.01).
     */
    public OneHotCategorical(Tensor logits, double unimix) {
        classes = Events.classes("OneHotCategorical", logits);
        if (!(unimix >= 0 && unimix < 1)) {
            throw new IllegalArgumentException("OneHotCategorical: unimix " + unimix + " must be in [0, 1)");
        }
        this.unimix = unimix;
        if (unimix == 0) {
            this.probs = logits.softmax(-1);
            this.logits = logits.logSoftmax(-1);
        } else {
            this.probs = logits.softmax(-1).mul((float) (1 - unimix)).add((float) (unimix / classes));
            this.logits = probs.log();
        }
    }

    /** One-hot draws [..., K] without a graph. */
    public Tensor sample(Rng rng) {
        return Tensor.oneHot(Tensor.of(Events.draw(probs.data(), classes, rng), Events.batchShape(probs)), classes);
    }

    /** A one-hot draw whose gradient is that of probs (straight-through). */
    public Tensor rsample(Rng rng) {
        return Tensor.straightThrough(sample(rng), probs);
    }

    /** sum(event * log probs) over the last axis, event [..., K] (one-hot, or a straight-through sample). */
    public Tensor logProb(Tensor event) {
        Events.requireShape("OneHotCategorical.logProb", "event", event, logits.shape());
        return event.mul(logits).sum(-1, false);
    }

    /** -sum p log p over the last axis, shape [...]. */
    public Tensor entropy() {
        // without unimix a class may have p = 0 and log p = -inf: clamped as torch does, so 0 * log p = 0
        return probs.mul(logits.clamp(-Float.MAX_VALUE, Float.MAX_VALUE)).sum(-1, false).neg();
    }

    /** The one-hot argmax, with straight-through gradients as DreamerV3's pred(). */
    public Tensor mode() {
        return Tensor.straightThrough(Tensor.oneHot(logits.argmax(-1), classes), probs);
    }

    /** KL(this || other) = sum p (log p - log q) over the last axis, shape [...]. */
    public Tensor kl(OneHotCategorical other) {
        Events.requireShape("OneHotCategorical.kl", "other's logits", other.logits, logits.shape());
        Tensor terms = probs.mul(logits.sub(other.logits));
        return Tensor.where(probs.eq(0f), Tensor.scalar(0f), terms).sum(-1, false);
    }

    /** The mixed probabilities [..., K]. */
    public Tensor probs() {
        return probs;
    }

    /** log of the mixed probabilities [..., K]. */
    public Tensor logits() {
        return logits;
    }

    /** The number of classes. */
    public int classes() {
        return classes;
    }

    /** The weight of the uniform distribution in the mixture. */
    public double unimix() {
        return unimix;
    }
}
