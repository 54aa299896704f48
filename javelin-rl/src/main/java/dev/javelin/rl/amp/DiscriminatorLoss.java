package dev.javelin.rl.amp;

import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Tensor;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * AMP's discriminator objective (Peng et al. 2021, eq. 8, as skrl and IsaacGymEnvs implement it), the sum of
 * <ul>
 * <li>prediction: {@code 0.5 * (BCE(D(agent and replay), 0) + BCE(D(reference), 1))}, the least-squares GAN of the
 *     paper replaced by the logistic loss the reference code uses;</li>
 * <li>logit regularization: the output layer's weights squared, keeping logits from growing without bound;</li>
 * <li>gradient penalty: {@code mean |dD/dx|^2} at reference samples, which stops the discriminator from
 *     sharpening around the data (the gradient is itself differentiated: second-order through the engine);</li>
 * <li>weight decay: every weight matrix squared;</li>
 * </ul>
 * each with its scale, all times {@code lossScale}. A term whose scale is 0 is not computed (as in skrl).
 */
public final class DiscriminatorLoss {
    private DiscriminatorLoss() {
    }

    /** skrl's discriminator_*_scale and discriminator_loss_scale. */
    public record Scales(double logitRegularization, double gradientPenalty, double weightDecay, double loss) {
        /** Rejects negative or non-finite scales, naming the config key. */
        public Scales {
            check("discriminator_logit_regularization_scale", logitRegularization);
            check("discriminator_gradient_penalty_scale", gradientPenalty);
            check("discriminator_weight_decay_scale", weightDecay);
            check("discriminator_loss_scale", loss);
        }

        private static void check(String key, double v) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException(key + " must be a finite number >= 0, got " + v);
            }
        }
    }

    /** The unscaled terms, the scaled total, and the logits (agent rows then replay rows; reference). */
    public record Terms(Tensor prediction, Tensor logitRegularization, Tensor gradientPenalty, Tensor weightDecay,
                        Tensor total, Tensor agentLogits, Tensor referenceLogits) {

        /** Fraction of agent and replay samples the discriminator classifies as agent (logit &lt; 0). */
        public double agentAccuracy() {
            return fraction(agentLogits, false);
        }

        /** Fraction of reference samples classified as reference (logit > 0). */
        public double referenceAccuracy() {
            return fraction(referenceLogits, true);
        }

        private static double fraction(Tensor logits, boolean positive) {
            float[] d = logits.data();
            int hits = 0;
            for (float x : d) {
                if (positive ? x > 0 : x < 0) {
                    hits++;
                }
            }
            return d.length == 0 ? 0 : (double) hits / d.length;
        }
    }

    /**
     * The discriminator loss and its terms for one mini-batch of agent, replay and reference samples.
     *
     * @param discriminator maps AMP observations {@code [B, d]} to logits {@code [B, 1]}
     * @param logitWeight   the weight of its output layer
     * @param weights       the weights (not biases) of all its linear layers
     */
    public static Terms compute(UnaryOperator<Tensor> discriminator, Tensor logitWeight, List<Tensor> weights,
                                Tensor agent, Tensor replay, Tensor reference, Scales scales) {
        Tensor agentLogits = Tensor.concat(0, discriminator.apply(agent), discriminator.apply(replay));
        Tensor referenceInput = scales.gradientPenalty() > 0 ? reference.detach().requiresGrad(true) : reference;
        Tensor referenceLogits = discriminator.apply(referenceInput);

        // BCE with logits: -log(1 - sigmoid(x)) = softplus(x), -log(sigmoid(x)) = softplus(-x)
        Tensor prediction = agentLogits.softplus().mean().add(referenceLogits.neg().softplus().mean()).mul(0.5f);
        Tensor zero = Tensor.scalar(0);
        Tensor logitRegularization = scales.logitRegularization() > 0 ? logitWeight.square().sum() : zero;
        Tensor gradientPenalty = zero;
        if (scales.gradientPenalty() > 0) {
            Tensor inputGrad = Grad.of(List.of(referenceLogits), List.of(referenceInput),
                    List.of(Tensor.ones(referenceLogits.shape())), true).getFirst();
            gradientPenalty = inputGrad.square().sum(inputGrad.rank() - 1).mean();
        }
        Tensor weightDecay = zero;
        if (scales.weightDecay() > 0) {
            for (Tensor w : weights) {
                weightDecay = weightDecay.add(w.square().sum());
            }
        }
        Tensor total = prediction
                .add(logitRegularization.mul((float) scales.logitRegularization()))
                .add(gradientPenalty.mul((float) scales.gradientPenalty()))
                .add(weightDecay.mul((float) scales.weightDecay()))
                .mul((float) scales.loss());
        return new Terms(prediction, logitRegularization, gradientPenalty, weightDecay, total, agentLogits, referenceLogits);
    }
}
