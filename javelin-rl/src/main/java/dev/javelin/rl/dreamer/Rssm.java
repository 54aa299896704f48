package dev.javelin.rl.dreamer;

import dev.javelin.dist.OneHotCategorical;
import dev.javelin.nn.Activation;
import dev.javelin.nn.Linear;
import dev.javelin.nn.Module;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * The recurrent state-space model. A state is a deterministic GRU state {@code h} [N, deter] and a stochastic
 * state {@code z} [N, stoch * classes] of one-hot categoricals.
 * <pre>
 *   sequence model   h_t = f(h_{t-1}, z_{t-1}, a_{t-1})      GRU with LayerNorm (update gate bias -1)
 *   dynamics prior   z_t ~ p(z_t | h_t)                     img_out, img_stats
 *   representation   z_t ~ q(z_t | h_t, x_t)                obs_out, obs_stats on [h_t, embed(x_t)]
 * </pre>
 * Latents mix 1% uniform into their probabilities (unimix) and are sampled straight-through, so the decoder's
 * and reward's gradients reach the posterior logits.
 */
public final class Rssm extends Module {
    /** {@code logits} [N, stoch, classes] are the raw logits of the distribution {@code z} was drawn from. */
    public record State(Tensor deter, Tensor stoch, Tensor logits) {
        /** The input of every head: [h, z]. */
        public Tensor feat() {
            return Tensor.concat(-1, deter, stoch);
        }

        /** The same state cut from the graph (no gradients flow back through it). */
        public State detach() {
            return new State(deter.detach(), stoch.detach(), logits.detach());
        }
    }

    /** Posterior and prior states of a whole sequence, each tensor [B, T, ...]. */
    public record Sequence(State post, State prior) {
    }

    private final int deter;
    private final int stoch;
    private final int classes;
    private final double unimix;
    private final double actionClip;
    private final int actionSize;
    private final int embedSize;
    private final Dense imgIn;
    private final Dense gru;
    private final Dense imgOut;
    private final Linear imgStats;
    private final Dense obsOut;
    private final Linear obsStats;
    private final Tensor initial;

    /**
     * The sequence model with sizes from {@code c}, for actions of {@code actionSize} and embeddings of {@code
     * embedSize}.
     */
    public Rssm(DreamerConfig.Rssm c, int actionSize, int embedSize, Rng rng) {
        deter = c.deter();
        stoch = c.stoch();
        classes = c.classes();
        unimix = c.unimix();
        actionClip = c.actionClip();
        this.actionSize = actionSize;
        this.embedSize = embedSize;
        int z = stoch * classes;
        imgIn = child("img_in", new Dense(z + actionSize, c.units(), Activation.SILU, rng));
        gru = child("gru", new Dense(c.units() + deter, 3 * deter, Activation.IDENTITY, rng));
        imgOut = child("img_out", new Dense(deter, c.units(), Activation.SILU, rng));
        imgStats = child("img_stats", new Linear(c.units(), z, rng));
        obsOut = child("obs_out", new Dense(deter + embedSize, c.units(), Activation.SILU, rng));
        obsStats = child("obs_stats", new Linear(c.units(), z, rng));
        initial = param("initial", Tensor.zeros(deter));
    }

    /** The size of {@link State#feat()}: deter + stoch x classes. */
    public int featSize() {
        return deter + stoch * classes;
    }

    /** The latent distribution of {@code logits}, with the configured unimix. */
    public OneHotCategorical dist(Tensor logits) {
        return new OneHotCategorical(logits, unimix);
    }

    /** The learned initial state: h = tanh(w), z the mode of its prior. */
    public State initial(int n) {
        Tensor h = initial.tanh().reshape(1, deter).expand(n, deter);
        Tensor logits = priorLogits(h);
        return new State(h, dist(logits).mode().reshape(n, stoch * classes), logits);
    }

    /** One step of imagination: the prior after taking {@code action} [N, A] in {@code prev}. */
    public State imgStep(State prev, Tensor action, Rng rng) {
        int n = action.dim(0);
        Tensor x = imgIn.forward(Tensor.concat(-1, prev.stoch(), clip(action)));
        Tensor h = gru(x, prev.deter());
        Tensor logits = priorLogits(h);
        return new State(h, dist(logits).rsample(rng).reshape(n, stoch * classes), logits);
    }

    /**
     * One observed step: where {@code isFirst} [N] is 1 the previous state and action are replaced by the initial
     * state and zeros; returns {posterior, prior}.
     */
    public State[] obsStep(State prev, Tensor prevAction, Tensor embed, Tensor isFirst, Rng rng) {
        int n = embed.dim(0);
        State start = prev;
        Tensor action = prevAction;
        if (any(isFirst)) {
            Tensor first = isFirst.reshape(n, 1);
            Tensor keep = first.neg().add(1f);
            State init = initial(n);
            start = new State(prev.deter().mul(keep).add(init.deter().mul(first)),
                    prev.stoch().mul(keep).add(init.stoch().mul(first)), prev.logits());
            action = prevAction.mul(keep);
        }
        State prior = imgStep(start, action, rng);
        Tensor logits = obsStats.forward(obsOut.forward(Tensor.concat(-1, prior.deter(), embed)))
                .reshape(n, stoch, classes);
        State post = new State(prior.deter(), dist(logits).rsample(rng).reshape(n, stoch * classes), logits);
        return new State[] {post, prior};
    }

    /** Posteriors and priors along sequences: embed [B, T, E], the action before each step [B, T, A], isFirst [B, T]. */
    public Sequence observe(Tensor embed, Tensor prevActions, Tensor isFirst, Rng rng) {
        int b = embed.dim(0);
        int t = embed.dim(1);
        if (embed.dim(2) != embedSize || prevActions.dim(2) != actionSize) {
            throw new IllegalArgumentException("Rssm.observe: embed " + java.util.Arrays.toString(embed.shape())
                    + " and actions " + java.util.Arrays.toString(prevActions.shape()) + ", expected last axes "
                    + embedSize + " and " + actionSize);
        }
        State state = new State(Tensor.zeros(b, deter), Tensor.zeros(b, stoch * classes),
                Tensor.zeros(b, stoch, classes));
        List<State> posts = new ArrayList<>(t);
        List<State> priors = new ArrayList<>(t);
        for (int i = 0; i < t; i++) {
            State[] step = obsStep(state, step(prevActions, i), step(embed, i), step(isFirst, i), rng);
            posts.add(step[0]);
            priors.add(step[1]);
            state = step[0];
        }
        return new Sequence(stack(posts), stack(priors));
    }

    private static Tensor step(Tensor seq, int i) {
        int[] shape = seq.shape();
        int[] one = new int[shape.length - 1];
        one[0] = shape[0];
        System.arraycopy(shape, 2, one, 1, shape.length - 2);
        return seq.narrow(1, i, 1).reshape(one);
    }

    private static State stack(List<State> states) {
        return new State(Tensor.stack(1, states.stream().map(State::deter).toList()),
                Tensor.stack(1, states.stream().map(State::stoch).toList()),
                Tensor.stack(1, states.stream().map(State::logits).toList()));
    }

    private Tensor priorLogits(Tensor h) {
        return imgStats.forward(imgOut.forward(h)).reshape(h.dim(0), stoch, classes);
    }

    /** The reference's norm GRU: one LayerNorm'd Linear on [h, x] gives reset, candidate and update. */
    private Tensor gru(Tensor x, Tensor h) {
        List<Tensor> parts = gru.forward(Tensor.concat(-1, h, x)).chunk(3, -1);
        Tensor reset = parts.get(0).sigmoid();
        Tensor cand = reset.mul(parts.get(1)).tanh();
        Tensor update = parts.get(2).sub(1f).sigmoid();
        return update.mul(cand).add(update.neg().add(1f).mul(h));
    }

    /** Scales actions whose magnitude exceeds action_clip back onto it, with the scale a constant. */
    private Tensor clip(Tensor action) {
        if (actionClip <= 0) {
            return action;
        }
        float[] a = action.data();
        float[] scale = new float[a.length];
        boolean any = false;
        for (int i = 0; i < a.length; i++) {
            scale[i] = (float) (actionClip / Math.max(actionClip, Math.abs(a[i])));
            any |= scale[i] != 1f;
        }
        return any ? action.mul(Tensor.of(scale, action.shape())) : action;
    }

    private static boolean any(Tensor flags) {
        for (float f : flags.data()) {
            if (f != 0) {
                return true;
            }
        }
        return false;
    }
}
