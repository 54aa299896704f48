package dev.javelin.dist;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * Independent binary variables with p = sigmoid(logits), elementwise over any shape (torch.distributions.Bernoulli);
 * DreamerV3's continue head. Everything is computed from the logits, so p near 0 or 1 costs no precision.
 */
public final class Bernoulli {
    private final Tensor logits;

    /** A Bernoulli distribution per element with success probability sigmoid({@code logits}). */
    public Bernoulli(Tensor logits) {
        this.logits = logits;
    }

    /** 0/1 draws without a graph. */
    public Tensor sample(Rng rng) {
        float[] l = logits.data(), o = new float[l.length];
        for (int i = 0; i < o.length; i++) {
            double p = 1 / (1 + Math.exp(-(double) l[i]));
            o[i] = rng.nextDouble() < p ? 1f : 0f;
        }
        return Tensor.of(o, logits.shape());
    }

    /**
     * x log p + (1 - x) log(1 - p) = x * logits - softplus(logits). x in [0, 1]: fractional targets give
     * the binary cross-entropy, as DreamerV3's Binary head accepts them.
     */
    public Tensor logProb(Tensor x) {
        Events.requireShape("Bernoulli.logProb", "x", x, logits.shape());
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (!(d[i] >= 0 && d[i] <= 1)) {
                throw new IllegalArgumentException("Bernoulli.logProb: value " + d[i] + " at flat index " + i + " is outside [0, 1]");
            }
        }
        return x.mul(logits).sub(logits.softplus());
    }

    /** softplus(logits) - p * logits = -(p log p + (1 - p) log(1 - p)). */
    public Tensor entropy() {
        return logits.softplus().sub(mean().mul(logits));
    }

    /** 1 where p > 1/2, else 0; untracked. */
    public Tensor mode() {
        return logits.gt(0f);
    }

    /** p = sigmoid(logits). */
    public Tensor mean() {
        return logits.sigmoid();
    }

    /** The logits the distribution was built from. */
    public Tensor logits() {
        return logits;
    }
}
