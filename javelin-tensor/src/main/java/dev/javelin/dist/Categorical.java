package dev.javelin.dist;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * A categorical distribution over K classes, from unnormalized logits [..., K] (torch.distributions.Categorical).
 * Actions are class indices held as floats, of the batch shape [...].
 */
public final class Categorical {
    private final Tensor raw;
    private final Tensor logits;
    private final int classes;
    // computed on first use (a PPO update reads only log-probs), kept if in the graph mode the logits were made in
    private final boolean recorded = Grad.isEnabled();
    private Tensor probs;

    /** A categorical distribution over the last axis of {@code logits} [..., K]. */
    public Categorical(Tensor logits) {
        classes = Events.classes("Categorical", logits);
        this.raw = logits;
        this.logits = logits.logSoftmax(-1);
    }

    /** Class indices [...], drawn without a graph. */
    public Tensor sample(Rng rng) {
        return Tensor.of(Events.draw(probs().data(), classes, rng), Events.batchShape(logits));
    }

    /** log p(actions), actions [...] holding class indices. */
    public Tensor logProb(Tensor actions) {
        Events.requireShape("Categorical.logProb", "actions", actions, Events.batchShape(logits));
        Events.requireIndices("Categorical.logProb", actions, classes);
        return logits.gather(-1, actions.unsqueeze(-1)).squeeze(-1);
    }

    /** -sum p log p over the classes. */
    public Tensor entropy() {
        // a class with logit -inf (an action mask) has p = 0 and log p = -inf: clamped as torch does, so 0 * log p = 0, not NaN
        return probs().mul(logits.clamp(-Float.MAX_VALUE, Float.MAX_VALUE)).sum(-1, false).neg();
    }

    /** The most probable class [...] (the first on ties). */
    public Tensor mode() {
        return logits.argmax(-1);
    }

    /** softmax(logits), computed on first use (and recorded for autodiff as if computed then). */
    public Tensor probs() {
        if (probs != null) {
            return probs;
        }
        Tensor p = raw.softmax(-1);
        if (Grad.isEnabled() == recorded) {
            probs = p;
        }
        return p;
    }

    /** Normalized logits: log p. */
    public Tensor logits() {
        return logits;
    }

    /** The number of classes K. */
    public int classes() {
        return classes;
    }

    /** KL(this || other) = sum p (log p - log q) over the classes, shape [...]. */
    public Tensor kl(Categorical other) {
        Events.requireShape("Categorical.kl", "other's logits", other.logits, logits.shape());
        Tensor p = probs();
        Tensor terms = p.mul(logits.sub(other.logits));
        return Tensor.where(p.eq(0f), Tensor.scalar(0f), terms).sum(-1, false);
    }
}
