package dev.javelin.rl.sac;

import dev.javelin.dist.SquashedNormal;
import dev.javelin.nn.Activation;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.rl.sde.Sde;
import dev.javelin.rl.sde.StateDependentNoise;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;
import java.util.Optional;

/**
 * SAC's policy as Stable-Baselines3 builds it: a shared trunk {@code latent_pi} (Linear + activation per
 * hidden layer), then linear heads {@code mu} and {@code log_std}; log std is clipped to
 * [log_std_min, log_std_max] (SB3 and skrl: [-20, 2]) and the Gaussian is squashed by tanh into (-1, 1).
 * Parameter names are SB3's actor names. With gSDE (SB3's use_sde) there is no {@code log_std} head but a
 * {@code log_std} parameter [latent, actions] for the exploration matrix over the (learned) features latent_pi, and
 * the mean is clipped to [-clip_mean, clip_mean] before the tanh (SB3's Hardtanh).
 */
public final class SquashedGaussianActor extends Module {
    private final Mlp latentPi;
    private final Linear mu;
    private final Linear logStd;
    private final float logStdMin;
    private final float logStdMax;
    private final Optional<Sde> sde;
    private final Tensor sdeLogStd;
    private final float clipMean;

    /** pi(.|s) for a batch of states: draws reparameterized actions a [B, A] with log pi(a|s) [B, 1]. */
    @FunctionalInterface
    public interface Pi {
        /** One draw; gSDE's takes its noise from the exploration matrix given to {@link #pi}, not from {@code rng}. */
        SquashedNormal.Sample draw(Rng rng);
    }

    /**
     * SB3's actor: an MLP trunk {@code latent_pi} with heads {@code mu} and {@code log_std}, log std clipped to
     * [logStdMin, logStdMax].
     */
    public SquashedGaussianActor(int stateDim, int actionDim, List<Integer> netArch, Activation activation,
            double logStdMin, double logStdMax, Rng rng) {
        this(stateDim, actionDim, netArch, activation, logStdMin, logStdMax, Optional.empty(), 0, 0, rng);
    }

    /**
     * SB3's actor, with gSDE when {@code sde} is given: a {@code log_std} parameter [latent, actions] (or
     * [latent, 1]) starting at {@code logStdInit}, and the mean clipped to [-clipMean, clipMean] (0: no clip).
     */
    public SquashedGaussianActor(int stateDim, int actionDim, List<Integer> netArch, Activation activation,
            double logStdMin, double logStdMax, Optional<Sde> sde, double logStdInit, double clipMean, Rng rng) {
        if (netArch.isEmpty()) {
            throw new IllegalArgumentException("SquashedGaussianActor: net_arch must have at least one layer, got " + netArch);
        }
        int last = netArch.getLast();
        this.latentPi = child("latent_pi", new Mlp(stateDim, netArch.subList(0, netArch.size() - 1), last,
                activation, activation, rng));
        this.mu = child("mu", new Linear(last, actionDim, rng));
        this.sde = sde;
        this.logStd = sde.isPresent() ? null : child("log_std", new Linear(last, actionDim, rng));
        this.sdeLogStd = sde.map(x -> param("log_std", Tensor.full((float) logStdInit, x.logStdShape(last, actionDim))))
                .orElse(null);
        this.clipMean = sde.isPresent() ? (float) clipMean : 0;
        this.logStdMin = (float) logStdMin;
        this.logStdMax = (float) logStdMax;
    }

    /** Whether the actor explores with gSDE. */
    public boolean usesSde() {
        return sde.isPresent();
    }

    private Tensor mean(Tensor latent) {
        Tensor m = mu.forward(latent);
        return clipMean > 0 ? m.clamp(-clipMean, clipMean) : m;
    }

    private Tensor sdeStd() {
        return StateDependentNoise.std(sdeLogStd, sde.orElseThrow().useExpln(), mu.weight().dim(0));
    }

    /** {@code n} gSDE exploration matrices [n, L, A], reparameterized (SB3's reset_noise). */
    public Tensor exploration(int n, Rng rng) {
        if (sde.isEmpty()) {
            throw new IllegalStateException("exploration(): the actor does not use gSDE");
        }
        return StateDependentNoise.weights(sdeStd(), n, rng);
    }

    /**
     * pi(.|s) for states [B, S]: the squashed Gaussian, or with gSDE tanh(mean + latent_pi · W) for the one matrix
     * {@code exploration} [1, L, A] (ignored without gSDE), scored by the state-dependent variance.
     */
    public Pi pi(Tensor states, Tensor exploration) {
        if (sde.isEmpty()) {
            SquashedNormal d = distribution(states);
            return rng -> draw(d, rng);
        }
        // SB3's SAC learns the features through the noise (learn_features=True): latent_pi keeps its graph
        Tensor h = latentPi.forward(states);
        StateDependentNoise d = new StateDependentNoise(mean(h), sdeStd(), h);
        return rng -> {
            Tensor u = d.sample(exploration);
            Tensor logProb = d.squashedLogProb(u);
            return new SquashedNormal.Sample(u.tanh(), logProb.reshape(logProb.dim(0), 1));
        };
    }

    /** pi(.|s) for states [B, S], without gSDE. */
    public SquashedNormal distribution(Tensor states) {
        if (sde.isPresent()) {
            throw new IllegalStateException("distribution(): a gSDE actor draws through pi(states, exploration)");
        }
        Tensor h = latentPi.forward(states);
        return new SquashedNormal(mu.forward(h), logStd.forward(h).clamp(logStdMin, logStdMax).exp());
    }

    /** tanh(mean): the deterministic action of evaluation, [B, A] (no noise, also with gSDE). */
    public Tensor deterministic(Tensor states) {
        return mean(latentPi.forward(states)).tanh();
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
