package dev.javelin.nn;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * torch.nn.Conv2d with square kernels: weight [outC, inC, k, k], bias [outC], both
 * U(-1/sqrt(fan_in), 1/sqrt(fan_in)) with fan_in = inC k k at init; input [N, inC, H, W].
 */
public final class Conv2d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int stride, padding;

    /** A convolution with bias, PyTorch's default initialization. */
    public Conv2d(int inC, int outC, int kernel, int stride, int padding, Rng rng) {
        this(inC, outC, kernel, stride, padding, true, rng);
    }

    /**
     * A convolution of {@code inC} to {@code outC} channels with a square {@code kernel}, PyTorch's default
     * initialization.
     */
    public Conv2d(int inC, int outC, int kernel, int stride, int padding, boolean bias, Rng rng) {
        ConvArgs.check("Conv2d", inC, outC, kernel, stride, padding);
        this.stride = stride;
        this.padding = padding;
        float bound = (float) (1 / Math.sqrt((double) inC * kernel * kernel));
        weight = param("weight", Tensor.uniform(rng, -bound, bound, outC, inC, kernel, kernel));
        this.bias = bias ? param("bias", Tensor.uniform(rng, -bound, bound, outC)) : null;
    }

    /** Convolves {@code x} [N, inC, H, W] to [N, outC, H', W']. */
    public Tensor forward(Tensor x) {
        return Tensor.conv2d(x, weight, bias, stride, padding);
    }

    /** The weight [outC, inC, kernel, kernel]. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }
}
