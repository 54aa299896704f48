package dev.javelin.rl.ppo;

import dev.javelin.dist.Categorical;
import dev.javelin.dist.Normal;
import dev.javelin.rl.sde.StateDependentNoise;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;

/**
 * The policy's distribution over one action per sample: Categorical over the actor's logits, or a
 * diagonal Gaussian whose log-probability and entropy are summed over the action dimensions. Actions
 * are {@code [B, A]} tensors ({@code A = 1} holding the index for a Categorical); results are {@code [B]}. A gSDE
 * policy's Gaussian has the state-dependent variance of {@link StateDependentNoise}.
 */
public sealed interface ActionDistribution {
    /** Categorical over the actor's logits when there is no log-std, else a diagonal Gaussian (not gSDE's: no matrices). */
    static ActionDistribution of(ActorCritic.Output out) {
        return of(out, null);
    }

    /**
     * As {@link #of(ActorCritic.Output)}, and for a gSDE policy its distribution, which samples with the
     * {@code exploration} matrices ([1 or B, L, A]; null where nothing is sampled, as in the update).
     */
    static ActionDistribution of(ActorCritic.Output out, Tensor exploration) {
        if (out.latentSde() != null) {
            return new StateDependent(new StateDependentNoise(out.actor(), out.sdeStd(), out.latentSde()), exploration);
        }
        if (out.logStd() == null) {
            return new Discrete(new Categorical(out.actor()));
        }
        // a state-independent std [A] broadcasts against the means [B, A]
        return new Gaussian(new Normal(out.actor(), out.logStd().exp()));
    }

    /** Sampled actions. */
    Tensor sample(Rng rng);

    /** Log-probabilities of {@code actions}, summed over action dimensions. */
    Tensor logProb(Tensor actions);

    /** Entropy, summed over action dimensions. */
    Tensor entropy();

    /** The deterministic action: argmax or mean. */
    Tensor mode();

    /** A discrete action space: a categorical over the actor's logits. */
    record Discrete(Categorical d) implements ActionDistribution {
        @Override
        public Tensor sample(Rng rng) {
            Tensor a = d.sample(rng);
            return a.reshape(a.dim(0), 1);
        }

        @Override
        public Tensor logProb(Tensor actions) {
            return d.logProb(actions.reshape(actions.dim(0)));
        }

        @Override
        public Tensor entropy() {
            return d.entropy();
        }

        @Override
        public Tensor mode() {
            Tensor a = d.mode();
            return a.reshape(a.dim(0), 1);
        }
    }

    /** A Box action space: a diagonal Gaussian around the actor's output. */
    record Gaussian(Normal d) implements ActionDistribution {
        @Override
        public Tensor sample(Rng rng) {
            return d.sample(rng);
        }

        @Override
        public Tensor logProb(Tensor actions) {
            return d.logProb(actions).sum(1);
        }

        @Override
        public Tensor entropy() {
            return d.entropy().sum(1);
        }

        @Override
        public Tensor mode() {
            return d.mode();
        }

        /** Mean standard deviation, skrl's "Policy / Standard deviation". */
        public double meanStd() {
            return d.std().mean().item();
        }
    }

    /**
     * gSDE: actions {@code mean + latent · W} with the exploration matrices W drawn at the last resample (SB3's
     * StateDependentNoiseDistribution without squashing), so sampling draws no new numbers.
     *
     * @param exploration the matrices [1 or B, L, A], or null when the distribution only scores actions
     */
    record StateDependent(StateDependentNoise d, Tensor exploration) implements ActionDistribution {
        @Override
        public Tensor sample(Rng rng) {
            if (exploration == null) {
                throw new IllegalStateException("a gSDE policy samples with exploration matrices; none were drawn");
            }
            return d.sample(exploration);
        }

        @Override
        public Tensor logProb(Tensor actions) {
            return d.logProb(actions);
        }

        @Override
        public Tensor entropy() {
            return d.entropy();
        }

        @Override
        public Tensor mode() {
            return d.mode();
        }

        /** Mean standard deviation of the actions given the states. */
        public double meanStd() {
            return d.distribution().std().mean().item();
        }
    }
}
