package dev.javelin.rl.dreamer;

import dev.javelin.tensor.Tensor;

/**
 * DreamerV3's free bits: a KL term below {@code free} nats is replaced by the constant {@code free}, so it gives
 * no gradient and the model stops squeezing latents that are already informative enough.
 */
public final class FreeBits {
    private FreeBits() {
    }

    /** {@code max(kl, free)} elementwise; the gradient is zero where {@code kl < free}. */
    public static Tensor clip(Tensor kl, double free) {
        if (!(free >= 0)) {
            throw new IllegalArgumentException("FreeBits: free must be >= 0 nats, got " + free);
        }
        // where() rather than maximum(): the gradient of a tie must not leak half into the constant
        Tensor floor = Tensor.full((float) free, kl.shape());
        return Tensor.where(kl.lt(floor), floor, kl);
    }
}
