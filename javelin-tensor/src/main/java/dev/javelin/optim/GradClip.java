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
            for (float g : p.grad().data()) sumSq += (double) g * g;
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
}
