package dev.javelin.rl.dreamer;

import dev.javelin.nn.LayerNorm;
import dev.javelin.tensor.Tensor;

/** Shared arithmetic of the image encoder and decoder: how many stride-2 stages, and LayerNorm over channels. */
final class ConvStages {
    private ConvStages() {
    }

    /** log2(size / minres): each stage halves (encoder) or doubles (decoder) the resolution. */
    static int count(int size, int minres) {
        if (size < minres || size % minres != 0 || Integer.bitCount(size / minres) != 1) {
            throw new IllegalArgumentException("image size " + size + " must be minres " + minres
                    + " times a power of two");
        }
        return Integer.numberOfTrailingZeros(size / minres);
    }

    /** x [N, C, H, W] normalized over C at every pixel, as the reference's LayerNorm on channel-last images. */
    static Tensor channelNorm(Tensor x, LayerNorm norm) {
        return norm.forward(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2);
    }
}
