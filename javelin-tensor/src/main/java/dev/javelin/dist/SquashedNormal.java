package dev.javelin.dist;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * a = tanh(u), u ~ N(mean, std^2): the bounded Gaussian policy of SAC (Haarnoja et al. 2018, appendix C).
 * Actions lie in (-1, 1) along the last axis; log-probabilities are summed over it, shape [...].
 *
 * <p>log pi(a) = sum_i [log N(u_i) - log(1 - tanh(u_i)^2)], with the Jacobian term in the form that
 * cannot round to log 0 for large |u|: log(1 - tanh(u)^2) = 2 (log 2 - u - softplus(-2u)), as
 * torch's TanhTransform and Stable-Baselines3 use. There is no closed-form entropy: SAC estimates it as -logProb
 * of the reparameterized sample.
 */
public final class SquashedNormal {
    /** An action with its log-probability, from one draw. */
    public record Sample(Tensor action, Tensor logProb) {}

    /** Actions are clamped this far inside (-1, 1) before atanh, so a saturated action keeps a finite log-probability. */
    static final float EDGE = 1e-6f;
    private static final float LOG_2 = (float) Math.log(2);

    private final Normal base;

    /** tanh of a Normal with these {@code mean} and {@code std} (pre-squash). */
    public SquashedNormal(Tensor mean, Tensor std) {
        base = new Normal(mean, std);
        if (base.shape().length == 0) {
            throw new IllegalArgumentException("SquashedNormal: mean and std must have shape [..., A] (rank >= 1), got scalars");
        }
    }

    /** A reparameterized draw: gradients reach mean and std through both the action and its log-probability. */
    public Sample rsample(Rng rng) {
        Tensor u = base.rsample(rng);
        return new Sample(u.tanh(), logProbOfPreTanh(u));
    }

    /** A draw without a graph. */
    public Sample sample(Rng rng) {
        try (var g = Grad.disabled()) {
            return rsample(rng);
        }
    }

    /** log pi(a) [...] of given actions in [-1, 1], via u = atanh(a). */
    public Tensor logProb(Tensor action) {
        Events.requireShape("SquashedNormal.logProb", "action", action, base.shape());
        float[] a = action.data();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i]) <= 1)) {
                throw new IllegalArgumentException("SquashedNormal.logProb: action " + a[i] + " at flat index " + i + " is outside [-1, 1]");
            }
        }
        Tensor c = action.clamp(-1 + EDGE, 1 - EDGE);
        Tensor u = c.log1p().sub(c.neg().log1p()).mul(0.5f);
        return logProbOfPreTanh(u);
    }

    /** log pi(tanh(u)) [...] from the pre-squash value u, which keeps its precision where tanh(u) rounds to ±1. */
    Tensor logProbOfPreTanh(Tensor u) {
        return base.logProb(u).sub(logAbsDetJacobian(u)).sum(-1, false);
    }

    /** log |d tanh(u) / du| = 2 (log 2 - u - softplus(-2u)), elementwise. */
    static Tensor logAbsDetJacobian(Tensor u) {
        return u.mul(-2f).softplus().add(u).neg().add(LOG_2).mul(2f);
    }

    /** tanh(mean): the deterministic action for evaluation. */
    public Tensor mode() {
        return base.mean().tanh();
    }

    /** The Gaussian before the squashing. */
    public Normal base() {
        return base;
    }
}
