package dev.javelin.rl.sac;

import dev.javelin.nn.Activation;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import java.util.List;

/**
 * Clipped double Q-learning's two critics Q1, Q2 (Fujimoto et al. 2018, used by SAC v2): independent
 * MLPs of concat(s, a), named {@code qf0}, {@code qf1} as Stable-Baselines3's critic. They share no
 * parameters, so their passes run side by side ({@link dev.javelin.rl.SideThread#both}).
 */
public final class TwinQ extends Module {
    private final Mlp qf0;
    private final Mlp qf1;

    /** Two Q networks {@code qf0} and {@code qf1} on [state, action], SB3's names. */
    public TwinQ(int stateDim, int actionDim, List<Integer> netArch, Activation activation, Rng rng) {
        this.qf0 = child("qf0", new Mlp(stateDim + actionDim, netArch, 1, activation, rng));
        this.qf1 = child("qf1", new Mlp(stateDim + actionDim, netArch, 1, activation, rng));
    }

    /** Critic i (0 or 1): concat(s, a) [B, S + A] -> Q_i(s, a) [B, 1]. */
    public Mlp q(int i) {
        return switch (i) {
            case 0 -> qf0;
            case 1 -> qf1;
            default -> throw new IllegalArgumentException("TwinQ: critic index must be 0 or 1, got " + i);
        };
    }
}
