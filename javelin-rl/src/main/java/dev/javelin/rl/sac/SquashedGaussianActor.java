package dev.javelin.rl.sac;

import dev.javelin.dist.SquashedNormal;
import dev.javelin.nn.Activation;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;

/**
 * SAC's policy as Stable-Baselines3 builds it: a shared trunk {@code latent_pi} (Linear + activation per
 * hidden layer), then linear heads {@code mu} and {@code log_std}; log std is clipped to
 * [log_std_min, log_std_max] (SB3 and skrl: [-20, 2]) and the Gaussian is squashed by tanh into (-1, 1).
 * Parameter names are SB3's actor names.
 */
public final class SquashedGaussianActor extends Module {
    private final Mlp latentPi;
    private final Linear mu;
    private final Linear logStd;
    private final float logStdMin;
    private final float logStdMax;

    /**
     * SB3's actor: an MLP trunk {@code latent_pi} with heads {@code mu} and {@code log_std}, log std clipped to
     * [logStdMin, logStdMax].
     */
    public SquashedGaussianActor(int stateDim, int actionDim, List<Integer> netArch, Activation activation,
            double logStdMin, double logStdMax, Rng rng) {
        if (netArch.isEmpty()) {
            throw new IllegalArgumentException("SquashedGaussianActor: net_arch must have at least one layer, got " + netArch);
        }
        int last = netArch.getLast();
        this.latentPi = child("latent_pi", new Mlp(stateDim, netArch.subList(0, netArch.size() - 1), last,
                activation, activation, rng));
        this.mu = child("mu", new Linear(last, actionDim, rng));
        this.logStd = child("log_std", new Linear(last, actionDim, rng));
        this.logStdMin = (float) logStdMin;
        this.logStdMax = (float) logStdMax;
    }

    /** pi(.|s) for states [B, S]. */
    public SquashedNormal distribution(Tensor states) {
        Tensor h = latentPi.forward(states);
        return new SquashedNormal(mu.forward(h), logStd.forward(h).clamp(logStdMin, logStdMax).exp());
    }

    /** tanh(mean): the deterministic action of evaluation, [B, A]. */
    public Tensor deterministic(Tensor states) {
        return mu.forward(latentPi.forward(states)).tanh();
    }

    /** A reparameterized draw a ~ pi(.|s) [B, A] with log pi(a|s) as [B, 1]. */
    public SquashedNormal.Sample sample(Tensor states, Rng rng) {
        return draw(distribution(states), rng);
    }

    /** A reparameterized draw from {@code pi} = {@link #distribution} of [B, S] states, log pi as [B, 1]. */
    static SquashedNormal.Sample draw(SquashedNormal pi, Rng rng) {
        SquashedNormal.Sample s = pi.rsample(rng);
        return new SquashedNormal.Sample(s.action(), s.logProb().reshape(s.logProb().dim(0), 1));
    }
}
