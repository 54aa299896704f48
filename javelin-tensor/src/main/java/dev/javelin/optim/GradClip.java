package dev.javelin.optim;

import dev.javelin.tensor.Tensor;

import java.util.List;

/** Gradient clipping as torch.nn.utils. */
public final class GradClip {
    private GradClip() {}

    /**
     * torch.nn.utils.clip_grad_norm_: scales the gradients of {@code params} in place by
     * min(1, maxNorm / (norm + 1e-6)), where norm is the L2 norm of all of them together, and returns
     * that norm before clipping. Parameters without a gradient are ignored.
     */
    public static double clipGradNorm(List<Tensor> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("clipGradNorm: max norm " + maxNorm + " must be > 0");
        double sumSq = 0;
        for (Tensor p : params) {
            if (!p.hasGrad()) continue;
            sumSq += sumOfSquares(p.grad().data());
        }
        float total = (float) Math.sqrt(sumSq);
        float coef = (float) maxNorm / (total + 1e-6f);
        if (coef < 1f) {
            for (Tensor p : params) {
                if (!p.hasGrad()) continue;
                float[] g = p.grad().data();
                for (int i = 0; i < g.length; i++) g[i] *= coef;
            }
        }
        return total;
    }

    /**
     * The sum of x[i]^2 in double (each square is exact there), in eight interleaved partial sums added at the end:
     * one running sum is a chain of dependent additions, which made clipping cost as much as Adam's whole step.
     */
    static double sumOfSquares(float[] x) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= x.length; i += 8) {
            s0 += (double) x[i] * x[i];
            s1 += (double) x[i + 1] * x[i + 1];
            s2 += (double) x[i + 2] * x[i + 2];
            s3 += (double) x[i + 3] * x[i + 3];
            s4 += (double) x[i + 4] * x[i + 4];
            s5 += (double) x[i + 5] * x[i + 5];
            s6 += (double) x[i + 6] * x[i + 6];
            s7 += (double) x[i + 7] * x[i + 7];
        }
        for (; i < x.length; i++) {
            s0 += (double) x[i] * x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
