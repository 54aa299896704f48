package dev.javelin.optim;

import dev.javelin.tensor.Tensor;

import java.util.List;

/**
 * torch.optim.AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay, p *= 1 - lr * wd
 * before the Adam step instead of adding wd p to the gradient. torch's default decay is 0.01.
 */
public final class AdamW extends Adam {
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY);
    }

    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
