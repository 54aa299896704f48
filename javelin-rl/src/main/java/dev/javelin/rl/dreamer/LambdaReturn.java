package dev.javelin.rl.dreamer;

import dev.javelin.tensor.Tensor;
import java.util.Arrays;

/**
 * DreamerV3's λ-returns over an imagined trajectory, computed backwards from the bootstrap value:
 * {@code R_t = r_t + γc_t ((1 - λ) v_{t+1} + λ R_{t+1})}, {@code R_H = v_H}. Written with Tensor ops, so
 * gradients reach rewards and values (the dynamics-backprop actor of continuous actions needs them).
 */
public final class LambdaReturn {
    private LambdaReturn() {
    }

    /**
     * The λ-returns R_t = r_t + d_t ((1 - λ) v_{t+1} + λ R_{t+1}), bootstrapped from the last value.
     *
     * @param rewards   [H, N] reward of arriving in state t + 1
     * @param values    [H + 1, N] value of states 0 .. H
     * @param discounts [H, N] γ times the continue flag of state t + 1
     * @return [H, N] returns of states 0 .. H - 1
     */
    public static Tensor compute(Tensor rewards, Tensor values, Tensor discounts, double lambda) {
        if (rewards.rank() != 2 || values.rank() != 2 || discounts.rank() != 2) {
            throw new IllegalArgumentException("LambdaReturn: expected rank-2 [H, N] tensors, got rewards "
                    + Arrays.toString(rewards.shape()) + ", values " + Arrays.toString(values.shape())
                    + ", discounts " + Arrays.toString(discounts.shape()));
        }
        int h = rewards.dim(0);
        int n = rewards.dim(1);
        if (values.dim(0) != h + 1 || values.dim(1) != n || discounts.dim(0) != h || discounts.dim(1) != n) {
            throw new IllegalArgumentException("LambdaReturn: rewards " + Arrays.toString(rewards.shape())
                    + " need values [" + (h + 1) + ", " + n + "] and discounts [" + h + ", " + n + "], got "
                    + Arrays.toString(values.shape()) + " and " + Arrays.toString(discounts.shape()));
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("LambdaReturn: lambda must be in [0, 1], got " + lambda);
        }
        float lam = (float) lambda;
        // r_t + γc_t (1 - λ) v_{t+1} for all t at once; the recursion adds γc_t λ R_{t+1}
        Tensor interm = rewards.add(discounts.mul(values.narrow(0, 1, h)).mul(1 - lam));
        Tensor[] out = new Tensor[h];
        Tensor next = values.narrow(0, h, 1).reshape(n);
        for (int t = h - 1; t >= 0; t--) {
            next = interm.narrow(0, t, 1).reshape(n).add(discounts.narrow(0, t, 1).reshape(n).mul(next).mul(lam));
            out[t] = next;
        }
        return Tensor.stack(0, out);
    }
}
