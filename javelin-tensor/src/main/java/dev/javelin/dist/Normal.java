package dev.javelin.dist;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * An elementwise Gaussian N(mean, std^2); mean and std broadcast against each other (torch.distributions.Normal).
 * Every method works elementwise on the broadcast shape: sum over the action axis for a diagonal Gaussian policy.
 */
public final class Normal {
    private static final float HALF_LOG_2PI = (float) (0.5 * Math.log(2 * Math.PI));

    private final Tensor mean;
    private final Tensor std;
    private final int[] shape;

    /** A normal distribution per element; {@code mean} and {@code std} broadcast against each other. */
    public Normal(Tensor mean, Tensor std) {
        shape = Events.broadcast("Normal", mean.shape(), std.shape());
        float[] s = std.data();
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] > 0 && s[i] < Float.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("Normal: std " + s[i] + " at flat index " + i + " of shape " + Events.str(std.shape())
                        + " must be positive and finite");
            }
        }
        this.mean = mean.expand(shape);
        this.std = std.expand(shape);
    }

    /** mean + std * eps, eps ~ N(0, 1): the reparameterization trick, so gradients reach mean and std. */
    public Tensor rsample(Rng rng) {
        return mean.add(std.mul(Tensor.randn(rng, shape)));
    }

    /** A draw without a graph. */
    public Tensor sample(Rng rng) {
        try (var g = Grad.disabled()) {
            return rsample(rng);
        }
    }

    /** log N(x; mean, std^2) elementwise; x has the broadcast shape. */
    public Tensor logProb(Tensor x) {
        Events.requireShape("Normal.logProb", "x", x, shape);
        Tensor z = x.sub(mean).div(std);
        return z.square().mul(-0.5f).sub(std.log()).sub(HALF_LOG_2PI);
    }

    /** 1/2 + 1/2 log(2 pi) + log std, elementwise. */
    public Tensor entropy() {
        return std.log().add(0.5f + HALF_LOG_2PI);
    }

    /** The most likely value: the mean. */
    public Tensor mode() {
        return mean;
    }

    /** The mean. */
    public Tensor mean() {
        return mean;
    }

    /** The standard deviation. */
    public Tensor std() {
        return std;
    }

    /** The broadcast shape of mean and std. */
    public int[] shape() {
        return shape.clone();
    }
}
