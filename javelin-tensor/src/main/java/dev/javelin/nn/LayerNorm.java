package dev.javelin.nn;

import dev.javelin.tensor.Tensor;

import java.util.Arrays;

/** torch.nn.LayerNorm over the trailing normalizedShape dims: weight 1, bias 0 at init, eps 1e-5 unless given. */
public final class LayerNorm extends Module {
    /** PyTorch's default epsilon. */
    public static final float DEFAULT_EPS = 1e-5f;

    private final int[] normalizedShape;
    private final float eps;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * Layer norm over the trailing {@code normalizedShape} axes with PyTorch's default epsilon, weight 1 and bias 0.
     */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, DEFAULT_EPS);
    }

    /** Layer norm over the trailing {@code normalizedShape} axes with epsilon {@code eps}. */
    public LayerNorm(int[] normalizedShape, float eps) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("LayerNorm: normalized shape " + Arrays.toString(normalizedShape)
                    + " must have at least one dim, each >= 1");
        }
        if (!(eps > 0)) throw new IllegalArgumentException("LayerNorm: eps " + eps + " must be > 0");
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        weight = param("weight", Tensor.ones(normalizedShape));
        bias = param("bias", Tensor.zeros(normalizedShape));
    }

    /** Normalizes {@code x} over its trailing axes, then scales and shifts. */
    public Tensor forward(Tensor x) {
        return Tensor.layerNorm(x, normalizedShape, weight, bias, eps);
    }

    /** The scale. */
    public Tensor weight() {
        return weight;
    }

    /** The shift. */
    public Tensor bias() {
        return bias;
    }

    /** The epsilon added to the variance. */
    public float eps() {
        return eps;
    }
}
