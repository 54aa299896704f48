package dev.javelin.rl.ppo;

import dev.javelin.tensor.Tensor;

/** PPO's two losses (Schulman et al. 2017), as skrl computes them; AMP adds its discriminator's to them. */
public final class PpoLoss {
    private PpoLoss() {
    }

    /**
     * The clipped surrogate objective, negated to a loss: {@code -mean(min(r A, clip(r, 1 - eps, 1 + eps) A))}
     * with the probability ratio {@code r = exp(log pi(a|s) - log pi_old(a|s))}.
     */
    public static Tensor clippedSurrogate(Tensor logRatio, Tensor advantages, float clip) {
        Tensor ratio = logRatio.exp();
        Tensor surrogate = advantages.mul(ratio);
        Tensor clippedSurrogate = advantages.mul(ratio.clamp(1 - clip, 1 + clip));
        return surrogate.minimum(clippedSurrogate).mean().neg();
    }

    /**
     * {@code value_loss_scale * mean((R - V)^2)}, with {@code clip_predicted_values} V kept within
     * {@code value_clip} of the rollout's values.
     */
    public static Tensor value(Tensor predicted, Tensor oldValues, Tensor returns, boolean clipPredictedValues,
            double valueClip, double valueLossScale) {
        Tensor v = clipPredictedValues ? clippedPrediction(predicted, oldValues, (float) valueClip) : predicted;
        return returns.sub(v).square().mean().mul((float) valueLossScale);
    }

    /** skrl's clip_predicted_values: the new prediction kept within {@code valueClip} of the rollout's. */
    public static Tensor clippedPrediction(Tensor predicted, Tensor oldValues, float valueClip) {
        return oldValues.add(predicted.sub(oldValues).clamp(-valueClip, valueClip));
    }
}
