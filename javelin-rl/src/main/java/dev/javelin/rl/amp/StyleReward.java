package dev.javelin.rl.amp;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Tensor;

/**
 * AMP's style reward from discriminator logits, as skrl computes it:
 * {@code r = -log(max(1 - sigmoid(logit), 1e-4)) * scale}. High where the discriminator takes the agent's
 * transition for a reference one; the floor caps it at {@code -log(1e-4) * scale} (about 18.4 at scale 2).
 */
public final class StyleReward {
    private static final float FLOOR = 1e-4f;

    private StyleReward() {
    }

    /** AMP's style reward -log(max(1 - sigmoid(logits), 1e-4)) * scale, without gradients. */
    public static Tensor of(Tensor logits, double scale) {
        try (var g = Grad.disabled()) {
            return logits.sigmoid().neg().add(1f).maximum(Tensor.scalar(FLOOR)).log().neg().mul((float) scale);
        }
    }
}
