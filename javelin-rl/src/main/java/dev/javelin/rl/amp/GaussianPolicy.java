package dev.javelin.rl.amp;

import dev.javelin.dist.Normal;
import dev.javelin.nn.Activation;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;

/**
 * skrl's GaussianMixin policy of the AMP examples: an MLP for the action means ({@code net.*}) and one
 * log-std per action, learned ({@code log_std}) or fixed at its initial value (HumanoidAMP fixes it at -2.9,
 * so exploration does not drift while the discriminator is still learning what to reward).
 */
final class GaussianPolicy extends Module {
    // skrl's GaussianMixin defaults
    private static final float MIN_LOG_STD = -20;
    private static final float MAX_LOG_STD = 2;

    private final Mlp net;
    private final Tensor logStd;

    GaussianPolicy(int observations, int actions, List<Integer> hidden, Activation activation, double logStdInit,
                   boolean fixedLogStd, Rng rng) {
        net = child("net", new Mlp(observations, hidden, actions, activation, rng));
        Tensor init = Tensor.full((float) logStdInit, actions);
        logStd = fixedLogStd ? init : param("log_std", init);
    }

    /** The standard deviation per action (the same in every state). */
    Tensor std() {
        return logStd.clamp(MIN_LOG_STD, MAX_LOG_STD).exp();
    }

    /** The action distribution at {@code states [B, obs]}: independent Normals, {@code [B, A]}. */
    Normal distribution(Tensor states) {
        Tensor mean = net.forward(states);
        return new Normal(mean, std().expand(mean.shape()));
    }
}
