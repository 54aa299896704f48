package dev.javelin.rl.dreamer;

import dev.javelin.optim.Adam;
import dev.javelin.optim.GradClip;
import dev.javelin.tensor.Grad;
import dev.javelin.tensor.Rng;
import dev.javelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DreamerV3 = world model + actor-critic in imagination + sequence replay. {@link #update} is one training step
 * of the reference: a world-model step on a replayed batch, then an actor and a critic step on trajectories
 * imagined from every posterior state of that batch. {@link Policy} acts in the env with a running posterior.
 */
public final class DreamerAgent {
    private final DreamerConfig c;
    private final WorldModel wm;
    private final Adam wmOpt;
    private final ImagActorCritic behavior;
    private final int obsSize;
    private final int actionSize;
    private final boolean discrete;
    private final Rng rng;
    private long updates;

    /**
     * World model, actor and critic for observations of {@code obsSize} floats, with their optimizers.
     *
     * @param actionSize the number of actions (discrete, one-hot) or the action dimensions (continuous, in [-1, 1])
     */
    public DreamerAgent(DreamerConfig c, int obsSize, int actionSize, boolean discrete, Rng rng) {
        this.c = c;
        this.obsSize = obsSize;
        this.actionSize = actionSize;
        this.discrete = discrete;
        this.rng = rng;
        wm = new WorldModel(obsSize, actionSize, c, rng);
        wmOpt = ImagActorCritic.adam(wm.parameterList(), c.modelOpt());
        behavior = new ImagActorCritic(wm.rssm().featSize(), actionSize, discrete, c, rng);
    }

    /** Training updates done so far. */
    public long updates() {
        return updates;
    }

    /** Trained parameters: world model, actor and critic (the slow critic is a copy). */
    public int parameterCount() {
        return wm.parameterCount() + behavior.parameterCount();
    }

    /** One training step on {@code batch}; returns every loss term and diagnostic under its log tag. */
    public Map<String, Double> update(SequenceReplay.Batch batch) {
        WorldModel.Loss loss = wm.loss(batch, rng);
        wmOpt.zeroGrad();
        loss.total().backward();
        double norm = GradClip.clipGradNorm(wm.parameterList(), ImagActorCritic.clipOrInf(c.modelOpt()));
        wmOpt.step();

        int n = batch.reward().size();
        Rssm.State post = loss.post();
        Rssm.State start = new Rssm.State(post.deter().reshape(n, c.rssm().deter()),
                post.stoch().reshape(n, c.rssm().stoch() * c.rssm().classes()),
                post.logits().reshape(n, c.rssm().stoch(), c.rssm().classes())).detach();
        Map<String, Double> m = new LinkedHashMap<>(loss.metrics());
        m.put("Grad / World model norm", norm);
        m.putAll(behavior.train(wm, start, batch.cont().reshape(n), rng));
        updates++;
        return m;
    }

    /** A recurrent policy over {@code envs} envs: the posterior of each env's history and its last action. */
    public final class Policy {
        private final int envs;
        private Rssm.State state;
        private Tensor prevAction;
        private final Rng policyRng;

        /** Acting state for {@code envs} env streams, sampling with {@code rng}. */
        public Policy(int envs, Rng rng) {
            this.envs = envs;
            this.policyRng = rng;
            state = new Rssm.State(Tensor.zeros(envs, c.rssm().deter()), Tensor.zeros(envs, c.rssm().stoch() * c.rssm().classes()),
                    Tensor.zeros(envs, c.rssm().stoch(), c.rssm().classes()));
            prevAction = Tensor.zeros(envs, actionSize);
        }

        /**
         * Actions [envs * actionSize] (one-hot for discrete, clipped to [-1, 1] for continuous) for observations
         * [envs * obsSize]; {@code first[i]} marks the first observation of an episode. {@code explore} samples
         * the actor, otherwise it takes the mode.
         */
        public float[] act(float[] obs, boolean[] first, boolean explore) {
            if (obs.length != envs * obsSize || first.length != envs) {
                throw new IllegalArgumentException("Policy.act: expected " + envs + " x " + obsSize
                        + " observations and " + envs + " flags, got " + obs.length + " and " + first.length);
            }
            try (var g = Grad.disabled()) {
                float[] f = new float[envs];
                for (int i = 0; i < envs; i++) {
                    f[i] = first[i] ? 1f : 0f;
                }
                Tensor embed = wm.encoder().forward(Tensor.of(obs, envs, obsSize));
                state = wm.rssm().obsStep(state, prevAction, embed, Tensor.of(f, envs), policyRng)[0];
                Actor.Dist d = behavior.actor().dist(state.feat());
                float[] a = (explore ? d.sample(policyRng) : d.mode()).data().clone();
                if (!discrete) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] = Math.max(-1f, Math.min(1f, a[i]));
                    }
                }
                prevAction = Tensor.of(a, envs, actionSize);
                return a;
            }
        }
    }

    /** Networks, optimizers and percentile return scale by checkpoint group. */
    public Map<String, Map<String, Tensor>> state() {
        Map<String, Map<String, Tensor>> s = new LinkedHashMap<>();
        s.put("world_model", wm.state());
        s.put("model_opt", wmOpt.state());
        s.putAll(behavior.state());
        return s;
    }

    /** Loads the groups {@link #state()} wrote. */
    public void load(Map<String, Map<String, Tensor>> s) {
        wm.load(s.get("world_model"));
        wmOpt.load(s.get("model_opt"));
        behavior.load(s);
    }

    /** The checkpoint groups an agent writes. */
    public static String[] groups() {
        return new String[] {"world_model", "model_opt", "actor", "critic", "slow_critic", "actor_opt", "critic_opt", "retnorm"};
    }
}
