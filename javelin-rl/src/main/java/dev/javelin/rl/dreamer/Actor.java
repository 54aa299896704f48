package dev.javelin.rl.dreamer;

import dev.javelin.dist.Normal;
import dev.javelin.dist.OneHotCategorical;
import dev.javelin.nn.Mlp;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.List;

/**
 * The policy pi(a | s) on model states. Discrete actions: one-hot categorical with 1% unimix. Continuous
 * actions in [-1, 1]: Normal with mean tanh(m) and std (maxstd - minstd) sigmoid(s + 2) + minstd, as the
 * reference's {@code actor_dist_cont: normal}; samples are clipped by the env side.
 */
final class Actor extends Module {
    /** A distribution over actions [N, A] (one-hot for discrete); logProb and entropy are per state, [N]. */
    sealed interface Dist permits Discrete, Continuous {
        Tensor sample(Rng rng);

        Tensor rsample(Rng rng);

        Tensor mode();

        Tensor logProb(Tensor action);

        Tensor entropy();
    }

    record Discrete(OneHotCategorical d) implements Dist {
        public Tensor sample(Rng rng) { return d.sample(rng); }

        public Tensor rsample(Rng rng) { return d.rsample(rng); }

        public Tensor mode() { return d.mode().detach(); }

        public Tensor logProb(Tensor action) { return d.logProb(action); }

        public Tensor entropy() { return d.entropy(); }
    }

    record Continuous(Normal d) implements Dist {
        public Tensor sample(Rng rng) { return d.sample(rng); }

        public Tensor rsample(Rng rng) { return d.rsample(rng); }

        public Tensor mode() { return d.mode().detach(); }

        public Tensor logProb(Tensor action) { return d.logProb(action).sum(-1, false); }

        public Tensor entropy() { return d.entropy().sum(-1, false); }
    }

    private final Mlp net;
    private final boolean discrete;
    private final int actions;
    private final DreamerConfig.Actor c;

    Actor(int featSize, int actions, boolean discrete, DreamerConfig.Actor c, Rng rng) {
        this.discrete = discrete;
        this.actions = actions;
        this.c = c;
        net = child("net", Heads.mlp(featSize, c.layers(), c.units(), discrete ? actions : 2 * actions, c.outscale(), rng));
    }

    Dist dist(Tensor feat) {
        Tensor out = net.forward(feat);
        if (discrete) {
            return new Discrete(new OneHotCategorical(out, c.unimix()));
        }
        List<Tensor> parts = out.chunk(2, -1);
        Tensor std = parts.get(1).add(2f).sigmoid().mul((float) (c.maxstd() - c.minstd())).add((float) c.minstd());
        return new Continuous(new Normal(parts.get(0).tanh(), std));
    }

    boolean discrete() {
        return discrete;
    }

    int actions() {
        return actions;
    }
}
