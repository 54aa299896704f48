package dev.javelin.optim;

import dev.javelin.tensor.Tensor;

import java.util.List;

/**
 * torch.optim.AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay, p *= 1 - lr * wd
 * before the Adam step instead of adding wd p to the gradient. torch's default decay is 0.01.
 */
public final class AdamW extends Adam {
    /** PyTorch's default decoupled weight decay. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /** AdamW with PyTorch's defaults: betas 0.9 and 0.999, eps 1e-8, weight decay 0.01. */
    public AdamW(List<Tensor> params, double lr) {
        this(params, lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, DEFAULT_WEIGHT_DECAY);
    }

    /** AdamW; {@code weightDecay} is decoupled, applied to the weights, as PyTorch's AdamW. */
    public AdamW(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super("AdamW", params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
