package dev.javelin.rl.td3;

import dev.javelin.nn.Activation;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;

/**
 * TD3's and DDPG's deterministic policy mu(s) as Stable-Baselines3 builds it: an MLP {@code mu} (Linear +
 * activation per entry of net_arch, then Linear) squashed by tanh into [-1, 1]; parameter names are SB3's.
 */
public final class DeterministicActor extends Module {
    private final Mlp mu;

    /** The MLP {@code mu} with hidden sizes {@code netArch}, tanh on its output. */
    public DeterministicActor(int stateDim, int actionDim, List<Integer> netArch, Activation activation, Rng rng) {
        this.mu = child("mu", new Mlp(stateDim, netArch, actionDim, activation, Activation.TANH, rng));
    }

    /** States [B, S] -> actions [B, A] in [-1, 1]. */
    public Tensor forward(Tensor states) {
        return mu.forward(states);
    }
}
