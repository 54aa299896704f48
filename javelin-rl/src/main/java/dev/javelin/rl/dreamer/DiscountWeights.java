package dev.javelin.rl.dreamer;

import dev.javelin.tensor.Tensor;
import java.util.Arrays;

/**
 * The discounts and loss weights of an imagined trajectory (the reference's {@code traj['weight']}): step t is
 * discounted by {@code γ c_{t+1}}, the continue flag of the state it arrives in, and state t is weighted by
 * {@code w_t = c_0 Π_{k<t} γ c_{k+1}}, the discounted probability of still being in the episode there, which
 * scales the actor's and critic's loss on it. State H gets weight 0: its return is only the bootstrap value.
 *
 * @param discount [H, N] γ times the continue flag of states 1 .. H
 * @param weight   [H + 1, N] weights of states 0 .. H
 */
record DiscountWeights(Tensor discount, Tensor weight) {

    /** From the continue flags of states 1 .. H, {@code cont} [H, N], and of the start states, {@code startCont} [N]. */
    static DiscountWeights of(Tensor cont, Tensor startCont, float gamma) {
        if (cont.rank() != 2 || startCont.rank() != 1 || startCont.dim(0) != cont.dim(1)) {
            throw new IllegalArgumentException("DiscountWeights: expected cont [H, N] and startCont [N], got "
                    + Arrays.toString(cont.shape()) + " and " + Arrays.toString(startCont.shape()));
        }
        int h = cont.dim(0);
        int n = cont.dim(1);
        float[] c = cont.data();
        float[] c0 = startCont.data();
        float[] discounts = new float[h * n];
        float[] weights = new float[(h + 1) * n];
        for (int i = 0; i < n; i++) {
            float w = c0[i];
            for (int t = 0; t < h; t++) {
                weights[t * n + i] = w;
                discounts[t * n + i] = gamma * c[t * n + i];
                w *= discounts[t * n + i];
            }
        }
        return new DiscountWeights(Tensor.of(discounts, h, n), Tensor.of(weights, h + 1, n));
    }
}
