package dev.javelin.rl.sac;

import dev.javelin.nn.Activation;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;

/**
 * Clipped double Q-learning's two critics Q1, Q2 (Fujimoto et al. 2018, used by SAC v2): independent
 * MLPs of concat(s, a), named {@code qf0}, {@code qf1} as Stable-Baselines3's critic.
 */
public final class TwinQ extends Module {
    /** Both critics' values, each [B, 1]. */
    public record Values(Tensor q1, Tensor q2) {
        public Tensor min() {
            return q1.minimum(q2);
        }
    }

    private final Mlp qf0;
    private final Mlp qf1;

    public TwinQ(int stateDim, int actionDim, List<Integer> netArch, Activation activation, Rng rng) {
        this.qf0 = child("qf0", new Mlp(stateDim + actionDim, netArch, 1, activation, rng));
        this.qf1 = child("qf1", new Mlp(stateDim + actionDim, netArch, 1, activation, rng));
    }

    public Values forward(Tensor states, Tensor actions) {
        Tensor x = Tensor.concat(1, states, actions);
        return new Values(qf0.forward(x), qf1.forward(x));
    }
}
