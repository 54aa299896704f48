package dev.javelin.nn;

import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * torch.nn.ConvTranspose2d with square kernels: weight [inC, outC, k, k] (torch's layout), bias [outC].
 * torch computes the init's fan_in from weight dim 1, so the bound is 1/sqrt(outC k k) for both.
 * Output side (H - 1) stride - 2 padding + k + outputPadding.
 */
public final class ConvTranspose2d extends Module {
    private final Tensor weight;
    private final Tensor bias;
    private final int stride, padding, outputPadding;

    /** A transposed convolution with bias, PyTorch's default initialization. */
    public ConvTranspose2d(int inC, int outC, int kernel, int stride, int padding, int outputPadding, Rng rng) {
        this(inC, outC, kernel, stride, padding, outputPadding, true, rng);
    }

    /** A transposed convolution of {@code inC} to {@code outC} channels, as PyTorch's {@code nn.ConvTranspose2d}. */
    public ConvTranspose2d(int inC, int outC, int kernel, int stride, int padding, int outputPadding, boolean bias, Rng rng) {
        ConvArgs.check("ConvTranspose2d", inC, outC, kernel, stride, padding);
        if (outputPadding < 0 || outputPadding >= stride) {
            throw new IllegalArgumentException("ConvTranspose2d: output padding " + outputPadding + " must be in [0, stride " + stride + ")");
        }
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        float bound = (float) (1 / Math.sqrt((double) outC * kernel * kernel));
        weight = param("weight", Tensor.uniform(rng, -bound, bound, inC, outC, kernel, kernel));
        this.bias = bias ? param("bias", Tensor.uniform(rng, -bound, bound, outC)) : null;
    }

    /** Upsamples {@code x} [N, inC, H, W] to [N, outC, H', W']. */
    public Tensor forward(Tensor x) {
        return Tensor.convTranspose2d(x, weight, bias, stride, padding, outputPadding);
    }

    /** The weight [inC, outC, kernel, kernel], PyTorch's layout. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }
}
